// The app behind a real PgBouncer in transaction mode (scripts/lib/pgbouncer.ts), as deployed:
// DATABASE_URL is the pooler, DIRECT_DATABASE_URL the server, and PgBouncer has fewer server
// connections than the app has clients, so consecutive transactions of one pooled client land
// on different server connections. App modules are imported only after the env points there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPgBouncer, type RunningPgBouncer } from "@/scripts/lib/pgbouncer";
import { freePort } from "@/scripts/lib/free-port";

let bouncer: RunningPgBouncer;
let workDir: string;
let app: Awaited<ReturnType<typeof importApp>>;

async function importApp() {
  const [client, settle, events, helpers] = await Promise.all([
    import("@/lib/db/client"),
    import("@/lib/billing/settle-unchanged"),
    import("@/lib/licensing/license-events"),
    import("../billing/helpers"),
  ]);
  return { ...client, ...settle, ...events, helpers };
}

beforeAll(async () => {
  const direct = process.env.DATABASE_URL!;
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "tiergate-pgbouncer-"));
  bouncer = await startPgBouncer({
    upstreamUrl: direct,
    port: await freePort(),
    workDir,
    poolSize: 2,
    connectQuery: "SET statement_timeout = '15s'",
  });
  Object.assign(process.env, {
    DATABASE_URL: bouncer.url,
    DIRECT_DATABASE_URL: direct,
    // PgBouncer 1.18 refuses these startup parameters; connect_query sets the server side.
    DATABASE_STATEMENT_TIMEOUT_MS: "0",
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "0",
  });
  app = await importApp();
});

afterAll(async () => {
  await app?.stopLicenseEvents();
  await app?.pool.end().catch(() => {});
  await bouncer?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe("fault: PgBouncer transaction mode shares server connections between clients", () => {
  it("the pooled URL really is PgBouncer, with fewer server connections than clients", async () => {
    const pids = await Promise.all(
      Array.from({ length: 12 }, () =>
        app.pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid, pg_sleep(0.05)").then((r) => r.rows[0]!.pid),
      ),
    );
    expect(new Set(pids).size).toBeLessThanOrEqual(2);
    expect((await app.pool.query("SHOW statement_timeout")).rows[0].statement_timeout).toBe("15s");
  });

  it("the webhook fast path settles 60 concurrent deliveries with no prepared-statement clash", async () => {
    const harness = app.helpers.setupCapturingProvider();
    const { customerId, org, events } = await app.helpers.subscribedOrg({ provider: harness.provider, plan: "pro" });
    harness.take();
    expect((await app.helpers.redeliver(events.find((e) => e.type === "customer.subscription.created")!)).body.outcome).toBe("synced");

    const created = Math.floor(Date.now() / 1000);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        app.settleIfUnchanged({
          pool: app.pool,
          provider: harness.provider,
          customerId,
          event: { id: `evt_bouncer_${i}_${crypto.randomUUID().slice(0, 8)}`, type: "customer.subscription.updated", created },
          now: new Date(),
        }),
      ),
    );
    const failures = outcomes.flatMap((o) => (o.status === "rejected" ? [String(o.reason)] : []));
    expect(failures).toEqual([]);
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value?.kind : null))).toEqual(Array(60).fill("synced"));
    expect(org.id).toBeTruthy();
  });

  it("signed webhook deliveries through the route all answer 200", async () => {
    const harness = app.helpers.setupCapturingProvider();
    const orgs = await Promise.all(Array.from({ length: 4 }, () => app.helpers.subscribedOrg({ provider: harness.provider, plan: "pro" })));
    harness.take();
    const deliveries = orgs.flatMap((o) => o.events).flatMap((e) => [e, e, e]);
    const statuses = await Promise.all(deliveries.map((e) => app.helpers.redeliver(e).then((r) => r.status)));
    expect(statuses).toEqual(Array(deliveries.length).fill(200));
  });

  it("LISTEN uses the direct URL: a NOTIFY sent through the pooler reaches the subscriber", async () => {
    const orgId = crypto.randomUUID();
    let off = () => {};
    const heard = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no notification within 3 s")), 3_000);
      void app
        .subscribeToLicenseChanges(orgId, (id) => {
          clearTimeout(timer);
          resolve(id);
        })
        .then((unsubscribe) => {
          off = unsubscribe;
          // A few other transactions first, so a LISTEN issued through the pooler would have
          // been left on a server connection some other client now holds.
          return Promise.all(Array.from({ length: 6 }, () => app.pool.query("SELECT pg_sleep(0.02)")));
        })
        .then(() => app.pool.query("SELECT pg_notify('license_changed', $1)", [orgId]));
    });
    expect(await heard).toBe(orgId);
    off();
  });
});
