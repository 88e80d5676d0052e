// The guard against every way around it: no session, wrong role, wrong plan, no grant, a
// grant from another session, one second past the TTL, a spent single-use grant, a
// downgrade landing between step-up and action, and a retried call. Every refusal writes
// nothing (the action's own row never appears) and is audited.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runGuarded } from "@/lib/guard/run-guarded";
import { authorize } from "@/lib/guard/authorize";
import { applyPlanChange } from "@/lib/billing/apply-plan-change";
import type { GuardContext } from "@/lib/guard/context";
import { STEP_UP_PRESETS, type ActionId } from "@/lib/licensing/policy";
import { addMember, createSession } from "@/tests/helpers/factories";
import { auditRows, stepUp, userWithPasskey } from "@/tests/helpers/step-up";

/** A body with a visible side effect: one audit row tagged with a unique marker. */
function markerBody(marker: string) {
  return async ({ tx, ctx }: { tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]; ctx: GuardContext }) => {
    await tx.auditEvent.create({ data: { orgId: ctx.orgId, action: "test.side_effect", decision: "allowed", detail: { marker } } });
    return { marker };
  };
}
const sideEffects = (marker: string) =>
  db.auditEvent.count({ where: { action: "test.side_effect", detail: { path: ["marker"], equals: marker } } });

function run(
  actionId: ActionId,
  ctx: GuardContext | null,
  opts: { now?: Date; idempotencyKey?: string; hooks?: { beforeTransaction?: () => Promise<void> } } = {},
) {
  const marker = crypto.randomUUID();
  return runGuarded({ actionId, ctx, schema: z.object({}), rawInput: {}, body: markerBody(marker), ...opts }).then((result) => ({
    result,
    marker,
  }));
}

async function setup(plan: "free" | "pro" | "enterprise" = "pro") {
  const u = await userWithPasskey({ plan });
  const ctx: GuardContext = { kind: "session", sid: u.session.id, userId: u.user.id, email: u.user.email, orgId: u.org.id };
  return { ...u, ctx };
}

async function downgradeToFree(orgId: string) {
  await db.$transaction(async (tx) => {
    await tx.subscription.update({ where: { orgId }, data: { status: "canceled" } });
    await applyPlanChange({
      tx,
      orgId,
      before: { plan: "pro", subscribedPlan: "pro", status: "active" },
      after: { plan: "free", subscribedPlan: "free", status: "canceled" },
      now: new Date(),
      source: "test",
    });
  });
}

describe("guard", () => {
  it("refuses a call with no session, writes nothing, audits", async () => {
    const { result, marker } = await run("exports.csv", null);
    expect(result).toMatchObject({ ok: false, error: { kind: "unauthenticated" } });
    expect(await sideEffects(marker)).toBe(0);
  });

  it("refuses a revoked session", async () => {
    const { ctx } = await setup();
    await db.session.update({ where: { id: ctx.kind === "session" ? ctx.sid : "" }, data: { revokedAt: new Date() } });
    expect((await run("license.view", ctx)).result).toMatchObject({ ok: false, error: { kind: "unauthenticated" } });
  });

  it("refuses a role below the action's minimum", async () => {
    const { org } = await setup("pro");
    const member = await addMember({ orgId: org.id, role: "member" });
    const session = await createSession({ userId: member.id, orgId: org.id });
    const ctx: GuardContext = { kind: "session", sid: session.id, userId: member.id, email: member.email, orgId: org.id };
    const { result, marker } = await run("apiKeys.create", ctx);
    expect(result).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await sideEffects(marker)).toBe(0);
    expect((await auditRows({ actorUserId: member.id, action: "apiKeys.create" })).at(-1)).toMatchObject({
      decision: "refused",
      detail: { kind: "forbidden" },
    });
  });

  it("refuses a feature the plan lacks with the cheapest plan that has it", async () => {
    const { ctx } = await setup("free");
    expect((await run("exports.csv", ctx)).result).toMatchObject({ ok: false, error: { kind: "plan_required", plan: "pro" } });
    expect((await run("exports.bulk", ctx)).result).toMatchObject({ ok: false, error: { kind: "plan_required", plan: "enterprise" } });
  });

  it("asks for step-up with the plan's level when there is no grant", async () => {
    const { ctx } = await setup("pro");
    const { result, marker } = await run("exports.csv", ctx);
    expect(result).toEqual({
      ok: false,
      error: {
        kind: "step_up_required",
        actionId: "exports.csv",
        level: "moderate",
        maxAge: 3600,
        methods: ["passkey", "totp", "oidc"],
        minStrength: "mfa",
        message: "Exporting customer data needs a fresh check with a passkey or an authenticator app code on the Pro plan.",
      },
    });
    expect(await sideEffects(marker)).toBe(0);
  });

  it("enterprise asks for strict (600 s) on the same action", async () => {
    const { ctx } = await setup("enterprise");
    expect((await run("exports.csv", ctx)).result).toMatchObject({
      ok: false,
      error: { kind: "step_up_required", level: "strict", maxAge: 600 },
    });
  });

  it("runs with a fresh grant, audited as allowed with the grant", async () => {
    const { ctx, user, org, session, authenticator } = await setup("pro");
    const verifiedAt = new Date();
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, now: verifiedAt });
    const { result, marker } = await run("exports.csv", ctx, { now: new Date(verifiedAt.getTime() + 1000) });
    expect(result.ok).toBe(true);
    expect(await sideEffects(marker)).toBe(1);
    expect((await auditRows({ actorUserId: user.id, action: "exports.csv" })).at(-1)).toMatchObject({
      decision: "allowed",
      method: "passkey",
      detail: { level: "moderate", plan: "pro" },
    });
  });

  it("accepts a grant exactly at max age and refuses it one second later (moderate = 3600 s)", async () => {
    const { ctx, user, org, session, authenticator } = await setup("pro");
    const verifiedAt = new Date();
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, now: verifiedAt });
    const atTtl = new Date(verifiedAt.getTime() + STEP_UP_PRESETS.moderate.maxAge * 1000);
    expect((await run("exports.csv", ctx, { now: atTtl })).result.ok).toBe(true);
    const past = new Date(atTtl.getTime() + 1000);
    const { result, marker } = await run("exports.csv", ctx, { now: past });
    expect(result).toMatchObject({ ok: false, error: { kind: "step_up_required", maxAge: 3600 } });
    expect(await sideEffects(marker)).toBe(0);
  });

  it("the org's security policy tightens the TTL (enterprise: exports.csv → once)", async () => {
    const { ctx, user, org, session, authenticator } = await setup("enterprise");
    await db.orgSecurityPolicy.create({ data: { orgId: org.id, overrides: { "exports.csv": "once" } } });
    expect((await run("exports.csv", ctx)).result).toMatchObject({
      ok: false,
      error: { kind: "step_up_required", level: "once", maxAge: 0 },
    });
    // A general grant does not satisfy a single-use requirement; one minted for the action does, once.
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator });
    expect((await run("exports.csv", ctx)).result).toMatchObject({ ok: false, error: { kind: "step_up_required" } });
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, actionId: "exports.csv" });
    expect((await run("exports.csv", ctx)).result.ok).toBe(true);
    const { result, marker } = await run("exports.csv", ctx);
    expect(result).toMatchObject({ ok: false, error: { kind: "step_up_required", maxAge: 0 } });
    expect(await sideEffects(marker)).toBe(0);
  });

  it("a loosening override is ignored (lax cannot loosen strict)", async () => {
    const { ctx, user, org, session, authenticator } = await setup("enterprise");
    await db.orgSecurityPolicy.create({ data: { orgId: org.id, overrides: { "exports.csv": "lax" } } });
    const verifiedAt = new Date();
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, now: verifiedAt });
    const past = new Date(verifiedAt.getTime() + (STEP_UP_PRESETS.strict.maxAge + 1) * 1000);
    expect((await run("exports.csv", ctx, { now: past })).result).toMatchObject({
      ok: false,
      error: { kind: "step_up_required", maxAge: 600 },
    });
  });

  it("refuses a grant from another session of the same user", async () => {
    const { ctx, user, org, authenticator } = await setup("pro");
    const other = await createSession({ userId: user.id, orgId: org.id });
    await stepUp({ userId: user.id, sessionId: other.id, orgId: org.id, authenticator });
    const { result, marker } = await run("exports.csv", ctx);
    expect(result).toMatchObject({ ok: false, error: { kind: "step_up_required" } });
    expect(await sideEffects(marker)).toBe(0);
  });

  it("refuses a grant issued in another org of the same session", async () => {
    const { ctx, user, org, session, authenticator } = await setup("pro");
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator });
    const { org: other } = await setup("pro");
    await db.membership.create({ data: { orgId: other.id, userId: user.id, role: "owner" } });
    const inOther: GuardContext = { ...ctx, orgId: other.id };
    expect((await run("exports.csv", inOther)).result).toMatchObject({ ok: false, error: { kind: "step_up_required" } });
  });

  it("a single-use grant is consumed with its action, and a consumed one is refused", async () => {
    const { ctx, user, org, session, authenticator } = await setup("enterprise");
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, actionId: "exports.bulk" });
    const grant = await db.stepUpGrant.findFirstOrThrow({ where: { sessionId: session.id } });
    expect(grant).toMatchObject({ actionId: "exports.bulk", level: "once" });
    // The single-use grant is scoped: it does not unlock a different action.
    expect((await run("audit.view", ctx)).result).toMatchObject({ ok: false, error: { kind: "step_up_required" } });
    expect((await run("exports.bulk", ctx)).result.ok).toBe(true);
    expect((await db.stepUpGrant.findUniqueOrThrow({ where: { id: grant.id } })).consumedAt).not.toBeNull();
    const { result, marker } = await run("exports.bulk", ctx);
    expect(result).toMatchObject({ ok: false, error: { kind: "step_up_required", level: "once" } });
    expect(await sideEffects(marker)).toBe(0);
  });

  it("two concurrent actions race for one single-use grant: exactly one runs", async () => {
    const { ctx, user, org, session, authenticator } = await setup("enterprise");
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, actionId: "exports.bulk" });
    const [a, b] = await Promise.all([run("exports.bulk", ctx), run("exports.bulk", ctx)]);
    expect([a.result.ok, b.result.ok].sort()).toEqual([false, true]);
    expect((await sideEffects(a.marker)) + (await sideEffects(b.marker))).toBe(1);
  });

  it("a downgrade between step-up and action is honoured: plan_required, nothing written", async () => {
    const { ctx, user, org, session, authenticator } = await setup("pro");
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator });
    await downgradeToFree(org.id);
    const { result, marker } = await run("exports.csv", ctx);
    expect(result).toMatchObject({ ok: false, error: { kind: "plan_required", plan: "pro" } });
    expect(await sideEffects(marker)).toBe(0);
  });

  it("a downgrade landing after the page offered the action, just before its transaction, refuses it, nothing written", async () => {
    const { ctx, user, org, session, authenticator } = await setup("pro");
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator });
    const { result, marker } = await run("exports.csv", ctx, { hooks: { beforeTransaction: () => downgradeToFree(org.id) } });
    expect(result).toMatchObject({ ok: false, error: { kind: "plan_required" } });
    expect(await sideEffects(marker)).toBe(0);
    expect((await auditRows({ actorUserId: user.id, action: "exports.csv" })).at(-1)).toMatchObject({
      decision: "refused",
      detail: { stage: "license" },
    });
  });

  it("a grant revoked after the first check (sign-out elsewhere, passkey removed) refuses the action", async () => {
    const { ctx, user, org, session, authenticator, passkey } = await setup("pro");
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator });
    const revoke = async () => {
      await db.stepUpGrant.updateMany({
        where: { passkeyId: passkey.id },
        data: { revokedAt: new Date(), revokedReason: "passkey_removed" },
      });
    };
    const { result, marker } = await run("exports.csv", ctx, { hooks: { beforeTransaction: revoke } });
    expect(result).toMatchObject({ ok: false, error: { kind: "step_up_required" } });
    expect(await sideEffects(marker)).toBe(0);
  });

  it("a plan change waits for an action already holding the license lock", async () => {
    const { ctx, user, org, session, authenticator } = await setup("pro");
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator });
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inBody = new Promise<void>((r) => (entered = r));
    const action = runGuarded({
      actionId: "exports.csv",
      ctx,
      schema: z.object({}),
      rawInput: {},
      body: async () => {
        entered();
        await gate;
        order.push("action committed");
        return null;
      },
    });
    await inBody;
    const downgrade = downgradeToFree(org.id).then(() => order.push("downgrade committed"));
    await new Promise((r) => setTimeout(r, 200)); // give the downgrade time to block on the lock
    expect(order).toEqual([]);
    release();
    expect((await action).ok).toBe(true);
    await downgrade;
    expect(order).toEqual(["action committed", "downgrade committed"]);
  });

  it("an idempotency key runs the body at most once; the retry gets the stored result", async () => {
    const { ctx } = await setup("pro");
    const key = crypto.randomUUID();
    let runs = 0;
    const call = () =>
      runGuarded({
        actionId: "license.view",
        ctx,
        schema: z.object({}),
        rawInput: {},
        idempotencyKey: key,
        body: async () => ({ run: ++runs }),
      });
    const [a, b] = await Promise.all([call(), call()]);
    const c = await call();
    expect(runs).toBe(1);
    expect(a).toEqual({ ok: true, data: { run: 1 } });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it("a replay of a single-use action needs a new check, which it spends; never to a revoked session", async () => {
    const { ctx, user, org, session, authenticator } = await setup("enterprise");
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, actionId: "exports.bulk" });
    const key = crypto.randomUUID();
    let runs = 0;
    const call = () =>
      runGuarded({
        actionId: "exports.bulk",
        ctx,
        schema: z.object({}),
        rawInput: {},
        idempotencyKey: key,
        body: async () => ({ run: ++runs }),
      });
    const first = await call();
    expect(first).toEqual({ ok: true, data: { run: 1 } });
    // The grant is spent: a replay is refused exactly as a fresh call would be.
    expect(await call()).toMatchObject({ ok: false, error: { kind: "step_up_required", maxAge: 0 } });
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, actionId: "exports.bulk" });
    expect(await call()).toEqual(first); // the stored result; the body did not run again
    expect(await db.stepUpGrant.count({ where: { sessionId: session.id, consumedAt: null, revokedAt: null } })).toBe(0);
    await db.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
    expect(await call()).toMatchObject({ ok: false, error: { kind: "unauthenticated" } });
    expect(runs).toBe(1);
  });

  it("a refused call does not burn its idempotency key: the retry after step-up runs", async () => {
    const { ctx, user, org, session, authenticator } = await setup("pro");
    const key = crypto.randomUUID();
    const marker = crypto.randomUUID();
    const call = () =>
      runGuarded({ actionId: "exports.csv", ctx, schema: z.object({}), rawInput: {}, idempotencyKey: key, body: markerBody(marker) });
    expect((await call()).ok).toBe(false);
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator });
    expect((await call()).ok).toBe(true);
    expect((await call()).ok).toBe(true);
    expect(await sideEffects(marker)).toBe(1);
  });

  it("invalid input is refused with fields after the access checks, nothing written", async () => {
    const { ctx } = await setup("pro");
    const marker = crypto.randomUUID();
    const result = await runGuarded({
      actionId: "license.view",
      ctx,
      schema: z.object({ name: z.string().min(1, "Name it.") }),
      rawInput: { name: "" },
      body: markerBody(marker),
    });
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid", fields: { name: "Name it." } } });
    expect(await sideEffects(marker)).toBe(0);
  });

  it("locked users get locked{retryAfter} instead of a step-up prompt", async () => {
    const { ctx, user } = await setup("pro");
    const now = new Date();
    await db.stepUpLockout.create({ data: { userId: user.id, lockedUntil: new Date(now.getTime() + 300_000) } });
    expect(await authorize({ actionId: "exports.csv", ctx, now })).toMatchObject({
      ok: false,
      refusal: { kind: "locked", retryAfter: 300 },
    });
  });
});
