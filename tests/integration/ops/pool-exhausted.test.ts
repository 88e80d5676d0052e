// Faults: the app's pool is exhausted, a guarded body asks the pool for a second connection,
// and a lock holder freezes the rows a request needs. Every wait is bounded: the request is
// answered 503 + Retry-After (routes) or a human `error` refusal (server actions) at the
// configured timeout, and works again as soon as the fault is gone.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

const bounds = vi.hoisted(() => {
  process.env.DATABASE_POOL_SIZE = "3";
  process.env.DATABASE_POOL_ACQUIRE_TIMEOUT_MS = "1500";
  process.env.DATABASE_STATEMENT_TIMEOUT_MS = "1000";
  return { acquireMs: 1500, statementMs: 1000, poolSize: 3 };
});
const current = vi.hoisted(() => ({ session: null as import("@/lib/auth/load-session").CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));

import type pg from "pg";
import { db, getPool } from "@/lib/db/client";
import { UNAVAILABLE_MESSAGE } from "@/lib/db/unavailable";
import { UNAVAILABLE_DIGEST } from "@/lib/db/unavailable-digest";
import { createSession, createUserWithOrg } from "@/tests/helpers/factories";
import { currentSessionOf, elapsed } from "./helpers";

const license = await import("@/app/api/v1/license/route");
const billing = await import("@/app/(app)/billing/reads");
const getLicenseRoute = () => license.GET(new Request("http://localhost:3000/api/v1/license"));

let held: pg.PoolClient[] = [];
async function exhaustPool() {
  held = await Promise.all(Array.from({ length: bounds.poolSize }, () => getPool().connect()));
}
afterEach(() => {
  for (const c of held) c.release();
  held = [];
});

beforeAll(async () => {
  const { user, org } = await createUserWithOrg({ plan: "pro" });
  const session = await createSession({ userId: user.id, orgId: org.id });
  current.session = currentSessionOf({ sessionId: session.id, user, org });
});

describe("fault: the app's pool is exhausted", () => {
  it("a guarded route answers 503 with Retry-After and a human message within the acquire timeout, then 200 once connections free up", async () => {
    expect((await getLicenseRoute()).status).toBe(200);
    await exhaustPool();
    const { value: res, ms } = await elapsed(getLicenseRoute);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({ error: "unavailable", error_description: UNAVAILABLE_MESSAGE, retry_after: 5 });
    expect(ms).toBeGreaterThanOrEqual(bounds.acquireMs - 50);
    expect(ms).toBeLessThan(bounds.acquireMs * 2);

    for (const c of held.splice(0)) c.release();
    expect((await getLicenseRoute()).status).toBe(200);
  });

  it("a guarded server action returns the typed `error` refusal saying the service is briefly unavailable", async () => {
    await exhaustPool();
    const { value: result, ms } = await elapsed(() => billing.viewBilling({ input: {} }));
    expect(result).toEqual({ ok: false, error: { kind: "error", message: UNAVAILABLE_MESSAGE } });
    expect(ms).toBeLessThan(bounds.acquireMs * 3);
  });

  it("a page's query fails with the digest the error page shows as 'briefly unavailable'", async () => {
    await exhaustPool();
    const failure = await db.user.count().then(
      () => null,
      (err: unknown) => err as { digest?: string },
    );
    expect(failure?.digest).toBe(UNAVAILABLE_DIGEST);
  });
});

describe("fault: concurrent billing views deadlock the pool (a guarded body querying outside its transaction)", () => {
  it("more concurrent billing views than connections all succeed: the body reads on the guard's transaction", async () => {
    const results = await Promise.all(Array.from({ length: bounds.poolSize * 2 }, () => billing.viewBilling({ input: {} })));
    expect(results.map((r) => r.ok)).toEqual(results.map(() => true));
    const first = results[0]!;
    expect(first.ok && first.data.memberCount).toBe(1);
  });
});

describe("fault: the database is frozen for the rows a request needs (a stopped session holds their lock)", () => {
  it("the request fails at the configured statement timeout with a 503, and succeeds once the lock is gone", async () => {
    const orgId = current.session!.org.id;
    const holder = await getPool().connect();
    held.push(holder);
    await holder.query("begin");
    await holder.query(`select id from "Organization" where id = $1 for update`, [orgId]);

    const { value: res, ms } = await elapsed(getLicenseRoute);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(ms).toBeGreaterThanOrEqual(bounds.statementMs - 50);
    expect(ms).toBeLessThan(bounds.statementMs * 3);

    await holder.query("rollback");
    expect((await getLicenseRoute()).status).toBe(200);
  });
});
