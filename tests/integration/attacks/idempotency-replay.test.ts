// Attacks on idempotency keys: a replay must never yield data or an effect that a fresh
// request would be refused. A key is bound to holder + org + action + input, a replay passes
// the guard's whole decision (step-up included) and returns only the stored value, reads take
// no key, and records expire.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runGuarded } from "@/lib/guard/run-guarded";
import { IDEMPOTENCY_TTL_SECONDS } from "@/lib/guard/idempotency";
import { pruneExpired } from "@/lib/ops/prune-expired";
import type { GuardContext } from "@/lib/guard/context";
import type { CurrentSession } from "@/lib/auth/load-session";
import type { ActionId } from "@/lib/licensing/policy";
import { setBillingProviderForTests, type BillingProvider } from "@/lib/billing/provider";
import { generateApiKey } from "@/lib/api-keys/key-format";
import { addMember, createSession, createUserWithOrg } from "@/tests/helpers/factories";
import { stepUp, userWithPasskey } from "@/tests/helpers/step-up";
import { currentSessionOf } from "@/tests/helpers/current-session-of";

const current = vi.hoisted(() => ({ session: null as CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const invoicesCsv = await import("@/app/api/v1/exports/invoices.csv/route");
const billingActions = await import("@/app/(app)/billing/actions");

beforeEach(() => {
  current.session = null;
  setBillingProviderForTests(undefined);
});

async function setup(plan: "pro" | "enterprise") {
  const u = await userWithPasskey({ plan });
  const ctx: GuardContext = { kind: "session", sid: u.session.id, userId: u.user.id, email: u.user.email, orgId: u.org.id };
  return { ...u, ctx };
}

/** A guarded call whose body counts its runs and reads "current data" (a counter row). */
function caller({ actionId, ctx, key, now }: { actionId: ActionId; ctx: GuardContext; key: string; now?: () => Date }) {
  const runs = { count: 0 };
  const call = (input: Record<string, unknown> = { q: "paid" }) =>
    runGuarded({
      actionId,
      ctx,
      schema: z.object({ q: z.string() }),
      rawInput: input,
      idempotencyKey: key,
      now: now?.(),
      body: async () => ({ run: ++runs.count, snapshot: `data at run ${runs.count}` }),
    });
  return { call, runs };
}

describe("attack: replaying an idempotency key after the grant went stale", () => {
  it("a moderate grant past its max age: the replay is refused like a fresh call, nothing returned", async () => {
    const { ctx, user, org, session, authenticator } = await setup("pro");
    const t0 = new Date();
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, now: t0 });
    let at = t0;
    const { call, runs } = caller({ actionId: "exports.csv", ctx, key: crypto.randomUUID(), now: () => at });
    expect(await call()).toMatchObject({ ok: true, data: { run: 1 } });
    at = new Date(t0.getTime() + 3601_000); // Pro's exports.csv is moderate: 60 min
    const replay = await call();
    expect(replay).toMatchObject({ ok: false, error: { kind: "step_up_required", actionId: "exports.csv" } });
    expect(JSON.stringify(replay)).not.toContain("data at run");
    expect(runs.count).toBe(1);
  });

  it("under an org's every-time (once) policy the replay needs a new check and spends it", async () => {
    const { ctx, user, org, session, authenticator } = await setup("enterprise");
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, actionId: "exports.bulk" });
    const { call, runs } = caller({ actionId: "exports.bulk", ctx, key: crypto.randomUUID() });
    const first = await call();
    expect(first.ok).toBe(true);
    expect(await call()).toMatchObject({ ok: false, error: { kind: "step_up_required", maxAge: 0 } });
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, actionId: "exports.bulk" });
    expect(await call()).toEqual(first);
    expect(runs.count).toBe(1);
    expect(await call()).toMatchObject({ ok: false, error: { kind: "step_up_required" } }); // that check is spent too
  });
});

describe("attack: one idempotency key for a different request", () => {
  it("another input with the same key is invalid and runs nothing", async () => {
    const { ctx } = await setup("pro");
    const { call, runs } = caller({ actionId: "license.view", ctx, key: crypto.randomUUID() });
    expect((await call({ q: "paid" })).ok).toBe(true);
    expect(await call({ q: "open" })).toMatchObject({
      ok: false,
      error: { kind: "invalid", fields: { idempotencyKey: expect.any(String) } },
    });
    expect(runs.count).toBe(1);
  });

  it("key order in the input does not matter (the hash is over a canonical form)", async () => {
    const { ctx } = await setup("pro");
    const key = crypto.randomUUID();
    const schema = z.object({ a: z.string(), b: z.string() });
    let runs = 0;
    const call = (rawInput: unknown) =>
      runGuarded({ actionId: "license.view", ctx, schema, rawInput, idempotencyKey: key, body: async () => ++runs });
    expect(await call({ a: "1", b: "2" })).toEqual({ ok: true, data: 1 });
    expect(await call({ b: "2", a: "1" })).toEqual({ ok: true, data: 1 });
    expect(runs).toBe(1);
  });

  it("the same key for another action is invalid", async () => {
    const { ctx } = await setup("pro");
    const key = crypto.randomUUID();
    expect((await caller({ actionId: "license.view", ctx, key }).call()).ok).toBe(true);
    const other = caller({ actionId: "reports.view", ctx, key });
    expect(await other.call()).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(other.runs.count).toBe(0);
  });
});

describe("attack: a member removed from org A replays org A's key from org B", () => {
  it("the key is bound to org A: from org B it is invalid and yields nothing of A's", async () => {
    const { org: orgA } = await createUserWithOrg({ plan: "pro" });
    const member = await addMember({ orgId: orgA.id, role: "admin" });
    const { org: orgB } = await createUserWithOrg({ plan: "pro" });
    await db.membership.create({ data: { orgId: orgB.id, userId: member.id, role: "admin" } });
    const session = await createSession({ userId: member.id, orgId: orgA.id });
    const inA: GuardContext = { kind: "session", sid: session.id, userId: member.id, email: member.email, orgId: orgA.id };
    const key = crypto.randomUUID();
    const a = caller({ actionId: "license.view", ctx: inA, key });
    expect((await a.call()).ok).toBe(true);

    await db.membership.deleteMany({ where: { orgId: orgA.id, userId: member.id } });
    await db.session.update({ where: { id: session.id }, data: { currentOrgId: orgB.id } });
    const inB: GuardContext = { ...inA, orgId: orgB.id };
    const replay = await caller({ actionId: "license.view", ctx: inB, key }).call();
    expect(replay).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(JSON.stringify(replay)).not.toContain("data at run");
    // …and back in org A, the removed member is refused outright.
    expect(await a.call()).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(a.runs.count).toBe(1);
  });
});

describe("attack: an idempotency key on a read", () => {
  it("GET /api/v1/exports/invoices.csv with Idempotency-Key is a 400, and nothing streams", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const { key, prefix, hash } = generateApiKey();
    await db.apiKey.create({ data: { orgId: org.id, createdByUserId: user.id, name: "ci", prefix, hash } });
    const res = await invoicesCsv.GET(
      new Request("http://localhost:3000/api/v1/exports/invoices.csv", {
        headers: { authorization: `Bearer ${key}`, "idempotency-key": "replay-me-123" },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toMatchObject({ error: "invalid", fields: { idempotencyKey: expect.any(String) } });
  });
});

describe("attack: a replayed billing decision calls the provider again", () => {
  it("the portal opens once; the replay of its key is refused and makes no provider call", async () => {
    const { ctx, user, org, session, authenticator } = await setup("pro");
    await db.organization.update({ where: { id: org.id }, data: { stripeCustomerId: "cus_replay_test" } });
    current.session = currentSessionOf({ user, org, session });
    const portalCalls: string[] = [];
    setBillingProviderForTests({
      kind: "stripe",
      createCheckout: async () => ({ url: "https://checkout.example/never", kind: "checkout" }),
      createPortal: async ({ org: o }) => {
        portalCalls.push(o.id);
        return { url: `https://portal.example/${portalCalls.length}` };
      },
      retrieveSubscription: async () => null,
      findSubscriptionForCustomer: async () => null,
      previewPlanChange: async () => {
        throw new Error("not called");
      },
      changeSubscriptionPlan: async () => {
        throw new Error("not called");
      },
      listInvoices: async () => [],
    } satisfies BillingProvider);
    await stepUp({ userId: ctx.userId, sessionId: session.id, orgId: org.id, authenticator });
    const idempotencyKey = crypto.randomUUID();
    expect(await billingActions.openPortalAction({ input: {}, idempotencyKey })).toEqual({
      ok: true,
      data: { url: "https://portal.example/1" },
    });
    expect(await billingActions.openPortalAction({ input: {}, idempotencyKey })).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(portalCalls).toEqual([org.id]);
  });
});

describe("attack: an idempotency key kept for ever", () => {
  it("records expire after 24 h: the key is then a new request, and the sweeper prunes the row", async () => {
    const { ctx } = await setup("pro");
    const t0 = new Date();
    let at = t0;
    const key = crypto.randomUUID();
    const { call, runs } = caller({ actionId: "license.view", ctx, key, now: () => at });
    await call();
    const record = await db.idempotencyRecord.findFirstOrThrow({ where: { key } });
    expect(record.expiresAt.getTime() - record.createdAt.getTime()).toBe(IDEMPOTENCY_TTL_SECONDS * 1000);
    expect(IDEMPOTENCY_TTL_SECONDS).toBe(86_400);

    // Pruned only once expired (the sweep runs on real time: the row is backdated, never the
    // clock moved, since other test files share this database).
    const only = ["IdempotencyRecord"];
    await pruneExpired({ db, now: new Date(), tables: only });
    expect(await db.idempotencyRecord.count({ where: { key } })).toBe(1);
    await db.idempotencyRecord.update({ where: { id: record.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await pruneExpired({ db, now: new Date(), tables: only });
    expect(await db.idempotencyRecord.count({ where: { key } })).toBe(0);
    at = new Date(t0.getTime() + 86_400_000);
    await db.session.update({ where: { id: ctx.kind === "session" ? ctx.sid : "" }, data: { lastSeenAt: at } }); // used meanwhile: 24 h idle ends a session
    expect(await call()).toMatchObject({ ok: true, data: { run: 2 } });
    expect(runs.count).toBe(2);
  });

  it("an expired record not yet pruned is claimed afresh, never replayed", async () => {
    const { ctx } = await setup("pro");
    const t0 = new Date();
    let at = t0;
    const { call, runs } = caller({ actionId: "license.view", ctx, key: crypto.randomUUID(), now: () => at });
    await call();
    at = new Date(t0.getTime() + IDEMPOTENCY_TTL_SECONDS * 1000);
    await db.session.update({ where: { id: ctx.kind === "session" ? ctx.sid : "" }, data: { lastSeenAt: at } }); // used meanwhile: 24 h idle ends a session
    expect(await call()).toMatchObject({ ok: true, data: { run: 2 } });
    expect(runs.count).toBe(2);
  });
});
