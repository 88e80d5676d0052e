// Fault: the database stops (a restart, a crash, a failover) while the app keeps serving.
// Requests are answered 503 + Retry-After at once (connection refused is not waited out),
// and once Postgres is back the next requests succeed within a second, with no restart of
// the app: dead pooled connections are dropped and new ones opened on demand.
// Runs on a dedicated cluster of its own, since it stops it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmbeddedPostgres, type RunningPostgres } from "@/scripts/lib/embedded-postgres";
import { migrateDatabase } from "@/scripts/lib/migrate";
import { freePort } from "@/scripts/lib/free-port";
import { UNAVAILABLE_MESSAGE } from "@/lib/db/unavailable";
import { createSession, createUserWithOrg } from "@/tests/helpers/factories";
import { currentSessionOf, elapsed } from "./helpers";

const current = vi.hoisted(() => ({ session: null as import("@/lib/auth/load-session").CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));

const license = await import("@/app/api/v1/license/route");
const billing = await import("@/app/(app)/billing/reads");
const getLicenseRoute = () => license.GET(new Request("http://localhost:3000/api/v1/license"));

let cluster: RunningPostgres;
let dataDir: string;
let port: number;
const start = () => startEmbeddedPostgres({ dataDir: path.join(dataDir, "db"), port, persistent: true, durable: false });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tiergate-ops-pg-"));
  fs.chmodSync(dataDir, 0o755);
  port = await freePort();
  cluster = await start();
  await cluster.createDatabase("tiergate_ops");
  // Before the app's first query: its env (and pool) are read on first use.
  process.env.DATABASE_URL = cluster.url("tiergate_ops");
  await migrateDatabase(process.env.DATABASE_URL);
  const { user, org } = await createUserWithOrg({ plan: "pro" });
  const session = await createSession({ userId: user.id, orgId: org.id });
  current.session = currentSessionOf({ sessionId: session.id, user, org });
}, 60_000);

afterAll(async () => {
  await cluster?.stop().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("fault: the database is down, then back", () => {
  it("answers 503 quickly while it is down and recovers within 1 s of its return, with no restart", async () => {
    // Warm pool: these connections die with the server.
    expect((await Promise.all([getLicenseRoute(), getLicenseRoute(), getLicenseRoute()])).map((r) => r.status)).toEqual([200, 200, 200]);

    await cluster.stop();
    for (let i = 0; i < 3; i++) {
      const { value: res, ms } = await elapsed(getLicenseRoute);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect((await res.json()).error_description).toBe(UNAVAILABLE_MESSAGE);
      expect(ms).toBeLessThan(1_000);
    }
    expect(await billing.viewBilling({ input: {} })).toEqual({ ok: false, error: { kind: "error", message: UNAVAILABLE_MESSAGE } });

    cluster = await start();
    const back = Date.now();
    let status = 0;
    while (Date.now() - back < 1_000) {
      status = (await getLicenseRoute()).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
    expect(Date.now() - back).toBeLessThan(1_000);
    expect((await billing.viewBilling({ input: {} })).ok).toBe(true);
  });
});
