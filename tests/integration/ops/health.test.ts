// GET /api/health/live and /api/health/ready, and what readiness refuses on: a draining
// process, a database that is down or frozen, a build whose migrations are not applied, a
// LISTEN connection that is down. Answers name the failed check, never an internal.
import net from "node:net";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { checkReadiness } from "@/lib/ops/readiness";
import { committedMigrations } from "@/lib/ops/committed-migrations";
import { beginDrain, resetLifecycleForTests } from "@/lib/ops/lifecycle";
import { isListening, keepListening, stopLicenseEvents } from "@/lib/licensing/license-events";
import { db } from "@/lib/db/client";

const probe = (which: string) => new Request(`http://localhost:3000/api/health/${which}`);

async function until(condition: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  keepListening();
  await until(isListening, 5_000);
});
afterEach(() => resetLifecycleForTests());
afterAll(async () => {
  await stopLicenseEvents();
});

describe("health endpoints", () => {
  it("live answers 200 without touching the database", async () => {
    const res = await live(probe("live"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "live" });
  });

  it("ready answers 200 with every check ok on a migrated database with LISTEN up", async () => {
    const res = await ready(probe("ready"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", checks: { draining: "no", database: "ok", migrations: "ok", listen: "ok" } });
  });
});

describe("attack: a load balancer sending traffic to an instance that cannot serve it", () => {
  it("a draining instance answers 503 'draining' at once, without a database round trip", async () => {
    beginDrain();
    const res = await ready(probe("ready"));
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({ status: "not_ready", failed: ["draining"], checks: { draining: "yes" } });
  });

  it("an unreachable database is 503 'database', with no host, port or driver message in the answer", async () => {
    const pool = new pg.Pool({
      connectionString: "postgresql://tiergate:secret-password@127.0.0.1:1/tiergate",
      connectionTimeoutMillis: 1_000,
    });
    const result = await checkReadiness({ pool });
    await pool.end();
    expect(result).toMatchObject({ ready: false, failed: ["database"], checks: { database: "unreachable", migrations: "unknown" } });
    expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|secret|tiergate/);
  });

  it("a frozen database (accepts, never answers) is 503 'database' at the check's timeout, not when TCP gives up", async () => {
    const frozen = net.createServer(() => {});
    await new Promise<void>((r) => frozen.listen(0, "127.0.0.1", r));
    const port = (frozen.address() as net.AddressInfo).port;
    const pool = new pg.Pool({ connectionString: `postgresql://u:p@127.0.0.1:${port}/d` });
    const started = Date.now();
    const result = await checkReadiness({ pool, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(result.failed).toEqual(["database"]);
    frozen.close();
    void pool.end().catch(() => {});
  });

  it("a build with a migration the database has not applied is 503 'migrations'", async () => {
    const result = await checkReadiness({ committed: () => [...committedMigrations(), "29991231000000_from_a_newer_release"] });
    expect(result).toMatchObject({ ready: false, failed: ["migrations"], checks: { database: "ok", migrations: "pending" } });
  });

  it("a LISTEN connection killed by the server, with no stream open, is 503 'listen' until it reconnects by itself", async () => {
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`;
    await until(() => !isListening(), 2_000);
    expect((await checkReadiness()).failed).toEqual(["listen"]);
    // keepListening (the boot module's) reconnects with no subscriber to ask for it.
    await until(isListening, 5_000);
    expect((await checkReadiness()).ready).toBe(true);
  });
});
