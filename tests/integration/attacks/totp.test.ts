// Attacks on the authenticator-app factor and on factor strength: a code used twice, a code
// from someone else's seed, guessing across the password and TOTP under one budget, a TOTP
// grant offered where only a passkey will do, enrolling TOTP with only the password beside a
// passkey, an org policy that widens methods, malformed codes, and the usual wrong org /
// wrong role / stale grant. The browser is simulated at the edge (getCurrentSession).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { CurrentSession } from "@/lib/auth/load-session";
import { emailKey } from "@/lib/auth/sign-in-throttle";
import { checkPassword } from "@/lib/auth/check-password";
import { runGuarded } from "@/lib/guard/run-guarded";
import type { ActionId } from "@/lib/licensing/policy";
import { addTotp, startFirstTotp, ZAddTotpSchema } from "@/lib/factors/totp-enrol";
import { confirmTotpEnrolment } from "@/lib/factors/totp-confirm";
import { removeTotp, ZRemoveTotpSchema } from "@/lib/factors/totp-remove";
import { updateSecurityPolicy } from "@/lib/admin/security-policy";
import { registerPasskey, stepUp, userWithPasskey, auditRows } from "@/tests/helpers/step-up";
import { addMember, createSession, TEST_PASSWORD } from "@/tests/helpers/factories";
import { currentSessionOf } from "@/tests/helpers/current-session-of";
import { SoftAuthenticator } from "@/tests/helpers/soft-authenticator";
import { startStepUp } from "@/lib/step-up/start-step-up";
import { codeAt, ctxOf, seedOf, totpStepUp, userWithTotp, type TotpAccount } from "@/tests/helpers/totp";

const current = vi.hoisted(() => ({ session: null as CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));
const totpRoute = await import("@/app/api/step-up/totp/route");

beforeEach(() => {
  current.session = null;
});

const STEP = 30_000;
const later = (u: TotpAccount, steps: number) => new Date(u.enrolledAt.getTime() + steps * STEP);

const guarded = (actionId: ActionId, u: { user: { id: string; email: string }; org: { id: string }; session: { id: string } }, now: Date) =>
  runGuarded({ actionId, ctx: ctxOf(u), schema: z.object({}), rawInput: {}, body: async () => ({ done: true }), now });

const grants = (u: TotpAccount) => db.stepUpGrant.findMany({ where: { userId: u.user.id }, orderBy: { verifiedAt: "asc" } });

const routeRequest = (body: unknown) =>
  new Request("http://localhost:3000/api/step-up/totp", {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.20" },
  });

/** Everything a refused code could write. */
const footprint = (u: TotpAccount) =>
  Promise.all([
    db.stepUpGrant.count({ where: { userId: u.user.id } }),
    db.signInAttempt.count({ where: { key: emailKey(u.user.email) } }),
    db.stepUpFailure.count({ where: { userId: u.user.id } }),
    db.totpFactor.findUniqueOrThrow({ where: { userId: u.user.id }, select: { lastUsedStep: true } }),
  ]);

/** An Enterprise owner with a passkey and, added under a passkey step-up, an authenticator app. */
async function enterpriseWithBoth(now = new Date()) {
  const u = await userWithPasskey({ plan: "enterprise", now });
  const granted = await stepUp({
    userId: u.user.id,
    sessionId: u.session.id,
    orgId: u.org.id,
    authenticator: u.authenticator,
    actionId: "totp.add",
    now,
  });
  expect(granted.ok).toBe(true);
  const started = await runGuarded({ actionId: "totp.add", ctx: ctxOf(u), schema: ZAddTotpSchema, rawInput: {}, body: addTotp, now });
  if (!started.ok) throw new Error(started.error.message);
  const secret = seedOf(started.data.manualKey);
  const confirmed = await confirmTotpEnrolment({ input: { code: await codeAt(secret, now) }, ctx: ctxOf(u), ip: "192.0.2.1", now });
  expect(confirmed.ok).toBe(true);
  return { ...u, secret, enrolledAt: now, recoveryCodes: null };
}

describe("attack: a TOTP code reused within its step", () => {
  it("the second use of a code is refused, mints nothing, counts as a failure and says the code was used", async () => {
    const u = await userWithTotp();
    const at = later(u, 1);
    const code = await codeAt(u.secret, at);
    expect(await totpStepUp(u, { code, now: at })).toMatchObject({ ok: true, grant: { level: "strict" } });
    const again = await totpStepUp(u, { code, now: new Date(at.getTime() + 5000) });
    expect(again).toMatchObject({ ok: false, kind: "failed", reason: "reused", message: expect.stringContaining("already used") });
    expect(await grants(u)).toHaveLength(1);
    expect(await db.stepUpFailure.count({ where: { userId: u.user.id, reason: "totp_mismatch" } })).toBe(1);
    expect((await auditRows({ actorUserId: u.user.id, action: "step_up.verify" })).at(-1)).toMatchObject({
      decision: "failed",
      method: "totp",
      detail: { reason: "reused" },
    });
  });

  it("the code that confirmed the enrolment cannot step up", async () => {
    const u = await userWithTotp();
    const code = await codeAt(u.secret, u.enrolledAt);
    expect(await totpStepUp(u, { code, now: new Date(u.enrolledAt.getTime() + 1000) })).toMatchObject({ ok: false, reason: "reused" });
  });

  it("an older step's code (still inside ±1 step) is refused once a newer step was used", async () => {
    const u = await userWithTotp();
    const at = later(u, 3);
    expect(await totpStepUp(u, { code: await codeAt(u.secret, at), now: at })).toMatchObject({ ok: true });
    const previous = await codeAt(u.secret, new Date(at.getTime() - STEP));
    expect(await totpStepUp(u, { code: previous, now: at })).toMatchObject({ ok: false, reason: "reused" });
  });

  it("two requests racing with one code: exactly one grant", async () => {
    const u = await userWithTotp();
    const at = later(u, 2);
    const code = await codeAt(u.secret, at);
    const results = await Promise.all([totpStepUp(u, { code, now: at }), totpStepUp(u, { code, now: at })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await grants(u)).toHaveLength(1);
  });

  it("±1 step is accepted, two steps off is not", async () => {
    const u = await userWithTotp();
    const at = later(u, 10);
    expect(await totpStepUp(u, { code: await codeAt(u.secret, new Date(at.getTime() - 2 * STEP)), now: at })).toMatchObject({
      ok: false,
      reason: "wrong",
    });
    expect(await totpStepUp(u, { code: await codeAt(u.secret, new Date(at.getTime() + STEP)), now: at })).toMatchObject({ ok: true });
  });
});

describe("attack: a TOTP from another user's secret", () => {
  it("the attacker's own app's code does not open the victim's step-up", async () => {
    const victim = await userWithTotp();
    const attacker = await userWithTotp();
    const at = later(victim, 1);
    const before = await footprint(victim);
    const result = await totpStepUp(victim, { code: await codeAt(attacker.secret, at), now: at });
    expect(result).toMatchObject({ ok: false, kind: "failed", reason: "wrong" });
    const [grantsAfter, , failures, factor] = await footprint(victim);
    expect(grantsAfter).toBe(before[0]);
    expect(failures).toBe(before[2] + 1);
    expect(factor).toEqual(before[3]);
  });

  it("a sealed seed copied onto another user's row does not open (bound to its user)", async () => {
    const victim = await userWithTotp();
    const attacker = await userWithTotp();
    const { secretSealed } = await db.totpFactor.findUniqueOrThrow({ where: { userId: victim.user.id } });
    await db.totpFactor.update({ where: { userId: attacker.user.id }, data: { secretSealed } });
    const at = later(attacker, 1);
    await expect(totpStepUp(attacker, { code: await codeAt(victim.secret, at), now: at })).rejects.toThrow();
    expect(await grants(attacker)).toHaveLength(0);
  });
});

describe("attack: brute force across password and TOTP sharing one lockout", () => {
  it("wrong passwords and wrong codes spend one budget; then even a right code is refused with Retry-After", async () => {
    const u = await userWithTotp();
    const at = later(u, 1);
    for (let i = 0; i < 3; i++) {
      const check = await checkPassword({
        account: { userId: u.user.id, orgId: u.org.id },
        password: `guess-${i}`,
        ip: "198.51.100.20",
        now: at,
      });
      expect(check).toMatchObject({ ok: false, reason: "wrong_password" });
    }
    for (let i = 0; i < 2; i++) expect(await totpStepUp(u, { code: "000000", now: at })).toMatchObject({ ok: false, reason: "wrong" });
    current.session = currentSessionOf(u);
    const res = await totpRoute.POST(routeRequest({ code: await codeAt(u.secret, at), actionId: "exports.csv" }));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await grants(u)).toHaveLength(0);
    // …and the password is refused too, the right one included.
    const password = await checkPassword({
      account: { userId: u.user.id, orgId: u.org.id },
      password: TEST_PASSWORD,
      ip: "198.51.100.20",
      now: at,
    });
    expect(password).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("ten failed step-ups across passkey and TOTP lock step-up for the user", async () => {
    const u = await enterpriseWithBoth();
    const at = new Date(u.enrolledAt.getTime() + STEP);
    for (let i = 0; i < 6; i++) {
      const r = await stepUp({
        userId: u.user.id,
        sessionId: u.session.id,
        orgId: u.org.id,
        authenticator: new SoftAuthenticator(),
        now: at,
      });
      expect(r.ok).toBe(false);
    }
    // The email budget (5) ends the code guesses first; the step-up lockout (10) holds both.
    await db.signInAttempt.deleteMany({ where: { key: emailKey(u.user.email) } });
    for (let i = 0; i < 4; i++) await totpStepUp(u, { code: "000000", now: at });
    expect(await totpStepUp(u, { code: await codeAt(u.secret, at), now: at })).toMatchObject({ ok: false, kind: "locked" });
    expect(await startStepUp({ userId: u.user.id, sessionId: u.session.id, actionId: null, now: at })).toMatchObject({ kind: "locked" });
  });
});

describe("attack: a grant from TOTP presented to a passkey-only rule (Enterprise bulk export)", () => {
  it("a TOTP step-up for exports.bulk is refused before the code is checked; the code stays usable", async () => {
    const u = await enterpriseWithBoth();
    const at = new Date(u.enrolledAt.getTime() + STEP);
    const code = await codeAt(u.secret, at);
    const refused = await totpStepUp(u, { code, actionId: "exports.bulk", now: at });
    expect(refused).toMatchObject({ ok: false, kind: "method_not_accepted", message: expect.stringContaining("needs a passkey") });
    expect(await db.stepUpGrant.count({ where: { userId: u.user.id, method: "totp" } })).toBe(0);
    expect(await db.signInAttempt.count({ where: { key: emailKey(u.user.email) } })).toBe(0);
    expect(await totpStepUp(u, { code, actionId: "exports.csv", now: at })).toMatchObject({ ok: true });
  });

  it("a fresh TOTP grant does not pass bulk export or the admin console; the refusal names the passkey", async () => {
    const u = await enterpriseWithBoth();
    const at = new Date(u.enrolledAt.getTime() + 20 * 60_000); // the passkey grant for totp.add is stale by now
    expect(await totpStepUp(u, { code: await codeAt(u.secret, at), now: at })).toMatchObject({ ok: true });
    expect(await guarded("exports.csv", u, at)).toMatchObject({ ok: true });
    for (const actionId of ["admin.view", "exports.bulk", "security.updatePolicy"] as const) {
      expect(await guarded(actionId, u, at)).toMatchObject({
        ok: false,
        error: {
          kind: "step_up_required",
          actionId,
          methods: ["passkey", "oidc"],
          minStrength: "phishing_resistant",
          message: expect.stringContaining("with a passkey"),
        },
      });
    }
  });

  it("a TOTP grant scoped to exports.bulk (written by hand) is not spent on it", async () => {
    const u = await enterpriseWithBoth();
    const now = new Date(u.enrolledAt.getTime() + 20 * 60_000);
    await db.stepUpGrant.create({
      data: {
        sessionId: u.session.id,
        userId: u.user.id,
        orgId: u.org.id,
        method: "totp",
        strength: "mfa",
        level: "once",
        actionId: "exports.bulk",
        verifiedAt: now,
        expiresAt: new Date(now.getTime() + 300_000),
      },
    });
    expect(await guarded("exports.bulk", u, new Date(now.getTime() + 1000))).toMatchObject({
      ok: false,
      error: { kind: "step_up_required" },
    });
    expect(await db.stepUpGrant.count({ where: { userId: u.user.id, consumedAt: { not: null } } })).toBe(0);
  });

  it("an older passkey grant still serves when a newer TOTP grant is the freshest", async () => {
    const u = await enterpriseWithBoth();
    const t = new Date(u.enrolledAt.getTime() + 60_000);
    expect((await stepUp({ userId: u.user.id, sessionId: u.session.id, orgId: u.org.id, authenticator: u.authenticator, now: t })).ok).toBe(
      true,
    );
    const t2 = new Date(t.getTime() + 2 * STEP);
    expect(await totpStepUp(u, { code: await codeAt(u.secret, t2), now: t2 })).toMatchObject({ ok: true });
    expect(await guarded("admin.view", u, new Date(t2.getTime() + 1000))).toMatchObject({ ok: true });
  });

  it("a grant claiming a strength its method cannot have is refused by the database", async () => {
    const u = await userWithTotp();
    await expect(
      db.stepUpGrant.create({
        data: {
          sessionId: u.session.id,
          userId: u.user.id,
          orgId: u.org.id,
          method: "totp",
          strength: "phishing_resistant",
          level: "strict",
          verifiedAt: new Date(),
          expiresAt: new Date(Date.now() + 60_000),
        },
      }),
    ).rejects.toThrow(/StepUpGrant_strength_follows_method/);
  });
});

describe("attack: adding TOTP with only the password when a passkey exists", () => {
  it("the password start is answered step_up_required for totp.add and stores no seed", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    const result = await startFirstTotp({ input: { password: TEST_PASSWORD }, ctx: ctxOf(u), ip: "192.0.2.1", now: new Date() });
    expect(result).toMatchObject({ ok: false, error: { kind: "step_up_required", actionId: "totp.add", maxAge: 600 } });
    expect(await db.totpFactor.count({ where: { userId: u.user.id } })).toBe(0);
  });

  it("a seed started with the password is worthless once a passkey was added before the first code", async () => {
    const { user, org } = await (await import("@/tests/helpers/factories")).createUserWithOrg({ plan: "pro" });
    const session = await createSession({ userId: user.id, orgId: org.id });
    const u = { user, org, session };
    const now = new Date();
    const started = await startFirstTotp({ input: { password: TEST_PASSWORD }, ctx: ctxOf(u), ip: "192.0.2.1", now });
    if (!started.ok) throw new Error(started.error.message);
    await registerPasskey({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator: new SoftAuthenticator(), now });
    const code = await codeAt(seedOf(started.data.manualKey), now);
    const confirmed = await confirmTotpEnrolment({ input: { code }, ctx: ctxOf(u), ip: "192.0.2.1", now });
    expect(confirmed).toMatchObject({
      ok: false,
      error: { kind: "invalid", message: expect.stringContaining("another factor was added") },
    });
    expect(await db.totpFactor.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({ confirmedAt: null });
  });

  it("a wrong password starts nothing and counts toward the shared budget", async () => {
    const { user, org } = await (await import("@/tests/helpers/factories")).createUserWithOrg();
    const session = await createSession({ userId: user.id, orgId: org.id });
    const result = await startFirstTotp({
      input: { password: "nope" },
      ctx: ctxOf({ user, org, session }),
      ip: "192.0.2.1",
      now: new Date(),
    });
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid", fields: { password: "That password is not right." } } });
    expect(await db.totpFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.signInAttempt.count({ where: { key: emailKey(user.email) } })).toBe(1);
  });

  it("removing TOTP is a step-up action, and its grants die with it", async () => {
    const u = await userWithTotp();
    const at = later(u, 1);
    const removeWithoutGrant = await runGuarded({
      actionId: "totp.remove",
      ctx: ctxOf(u),
      schema: ZRemoveTotpSchema,
      rawInput: {},
      body: removeTotp,
      now: new Date(at.getTime() + 3 * 3600_000),
    });
    expect(removeWithoutGrant).toMatchObject({ ok: false, error: { kind: "step_up_required", actionId: "totp.remove" } });
    expect(await totpStepUp(u, { code: await codeAt(u.secret, at), now: at })).toMatchObject({ ok: true });
    const removed = await runGuarded({
      actionId: "totp.remove",
      ctx: ctxOf(u),
      schema: ZRemoveTotpSchema,
      rawInput: {},
      body: removeTotp,
      now: at,
    });
    expect(removed).toMatchObject({ ok: true, data: { removed: true, revokedGrants: 1 } });
    expect(await db.totpFactor.count({ where: { userId: u.user.id } })).toBe(0);
    expect(await db.stepUpGrant.findFirstOrThrow({ where: { userId: u.user.id } })).toMatchObject({ revokedReason: "totp_removed" });
  });
});

describe("attack: an org override widening methods", () => {
  it("widening a passkey-only action to any factor is refused per field and nothing is written", async () => {
    const u = await userWithPasskey({ plan: "enterprise" });
    const result = await db.$transaction((tx) =>
      updateSecurityPolicy({
        tx,
        orgId: u.org.id,
        actorUserId: u.user.id,
        plan: "enterprise",
        input: { overrides: {}, factors: { "admin.view": "any_factor" } },
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      refusal: { kind: "invalid", fields: { "factors.admin.view": expect.stringContaining("can only tighten") } },
    });
    expect(await db.orgSecurityPolicy.count({ where: { orgId: u.org.id } })).toBe(0);
  });

  it("a widening stored anyway is ignored; a narrowing is saved and then refuses TOTP", async () => {
    const u = await enterpriseWithBoth();
    await db.orgSecurityPolicy.create({ data: { orgId: u.org.id, overrides: { factors: { "admin.view": "any_factor" } } } });
    const at = new Date(u.enrolledAt.getTime() + 20 * 60_000);
    expect(await totpStepUp(u, { code: await codeAt(u.secret, at), now: at })).toMatchObject({ ok: true });
    expect(await guarded("admin.view", u, at)).toMatchObject({
      ok: false,
      error: { kind: "step_up_required", methods: ["passkey", "oidc"] },
    });

    const saved = await db.$transaction((tx) =>
      updateSecurityPolicy({
        tx,
        orgId: u.org.id,
        actorUserId: u.user.id,
        plan: "enterprise",
        input: { overrides: {}, factors: { "exports.csv": "phishing_resistant" } },
      }),
    );
    // The widening stored by hand is dropped on save, so admin.view changes too.
    expect(saved).toMatchObject({
      ok: true,
      changed: ["exports.csv", "admin.view"],
      overrides: { factors: { "exports.csv": "phishing_resistant" } },
    });
    expect(await guarded("exports.csv", u, at)).toMatchObject({
      ok: false,
      error: { kind: "step_up_required", methods: ["passkey", "oidc"] },
    });
    const t2 = new Date(at.getTime() + 2 * STEP);
    expect(await totpStepUp(u, { code: await codeAt(u.secret, t2), actionId: "exports.csv", now: t2 })).toMatchObject({
      kind: "method_not_accepted",
    });
  });
});

describe("attack: malformed codes and bodies", () => {
  it.each([
    ["five digits", { code: "12345" }],
    ["letters", { code: "12a456" }],
    ["a number, not a string", { code: 123456 }],
    ["an unknown action", { code: "123456", actionId: "exports.everything" }],
    ["an extra field", { code: "123456", grant: "strict" }],
    ["no code", {}],
    ["broken JSON", "{code:"],
  ])("%s: 400, nothing written", async (_label, body) => {
    const u = await userWithTotp();
    current.session = currentSessionOf(u);
    const before = await footprint(u);
    const res = await totpRoute.POST(routeRequest(body));
    expect(res.status).toBe(400);
    expect((await res.json()).error_description).toMatch(/.+/);
    expect(await footprint(u)).toEqual(before);
  });

  it("signed out: 401", async () => {
    const res = await totpRoute.POST(routeRequest({ code: "123456" }));
    expect(res.status).toBe(401);
  });

  it("a code with spaces is what people type, and works", async () => {
    const u = await userWithTotp();
    const code = await codeAt(u.secret, new Date(Date.now() + STEP)); // the next step: the enrolment spent this one
    current.session = currentSessionOf(u);
    const res = await totpRoute.POST(routeRequest({ code: `${code.slice(0, 3)} ${code.slice(3)}`, actionId: "exports.csv" }));
    expect(res.status).toBe(200);
    expect(await db.stepUpGrant.findFirstOrThrow({ where: { userId: u.user.id } })).toMatchObject({
      method: "totp",
      strength: "mfa",
      actionId: null,
    });
  });
});

describe("attack: wrong org, wrong role, stale grant", () => {
  it("a TOTP grant is bound to the org it was verified in", async () => {
    const u = await userWithTotp({ plan: "pro" });
    const other = await (await import("@/tests/helpers/factories")).createUserWithOrg({ plan: "pro" });
    await db.membership.create({ data: { orgId: other.org.id, userId: u.user.id, role: "admin" } });
    const at = later(u, 1);
    expect(await totpStepUp(u, { code: await codeAt(u.secret, at), now: at })).toMatchObject({ ok: true });
    expect(await guarded("exports.csv", { ...u, org: other.org }, at)).toMatchObject({ ok: false, error: { kind: "step_up_required" } });
  });

  it("a member's fresh TOTP grant does not reach an admin's action", async () => {
    const owner = await userWithTotp({ plan: "pro" });
    const member = await addMember({ orgId: owner.org.id, role: "member" });
    const session = await createSession({ userId: member.id, orgId: owner.org.id });
    expect(await guarded("apiKeys.create", { user: member, org: owner.org, session }, new Date())).toMatchObject({
      ok: false,
      error: { kind: "forbidden" },
    });
  });

  it("a TOTP grant goes stale at the rule's max age", async () => {
    const u = await userWithTotp({ plan: "pro" });
    const at = later(u, 1);
    expect(await totpStepUp(u, { code: await codeAt(u.secret, at), now: at })).toMatchObject({ ok: true });
    expect(await guarded("exports.csv", u, new Date(at.getTime() + 3600_000))).toMatchObject({ ok: true });
    expect(await guarded("exports.csv", u, new Date(at.getTime() + 3601_000))).toMatchObject({
      ok: false,
      error: { kind: "step_up_required" },
    });
  });

  it("confirming an enrolment twice with its code: the second is refused", async () => {
    const u = await userWithTotp();
    const again = await confirmTotpEnrolment({
      input: { code: await codeAt(u.secret, u.enrolledAt) },
      ctx: ctxOf(u),
      ip: "192.0.2.1",
      now: u.enrolledAt,
    });
    expect(again).toMatchObject({ ok: false, error: { kind: "invalid" } });
  });
});
