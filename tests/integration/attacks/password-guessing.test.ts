// Attacks that guess a password: a burst of concurrent sign-ins racing the throttle, a
// stolen session cookie using password change as an unlimited current-password oracle, and
// guesses spread over every door that checks a password (sign-in, password change, passkey
// enrolment) to multiply the budget. argon2 is counted at the edge (verifyPassword); the
// database and everything else is real.
import crypto from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { changePassword } from "@/lib/auth/change-password";
import { loadSession } from "@/lib/auth/load-session";
import { MAX_FAILURES_PER_EMAIL, SIGN_IN_WINDOW_SECONDS, emailKey } from "@/lib/auth/sign-in-throttle";
import { startPasskeyRegistration } from "@/lib/step-up/register-passkey";
import { LOCKOUT_MAX_FAILURES } from "@/lib/step-up/config";
import * as password from "@/lib/auth/password";
import { createSession, createUserWithOrg, TEST_PASSWORD } from "@/tests/helpers/factories";

vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const argon2Checks = () => vi.mocked(password.verifyPassword).mock.calls.length;

const ip = () => `203.0.113.${crypto.randomInt(1, 254)}`;
const NEW_PASSWORD = "a-brand-new-password";

beforeEach(() => {
  vi.mocked(password.verifyPassword).mockClear();
});

async function victim() {
  const { user, org } = await createUserWithOrg({ plan: "pro" });
  const stolen = await createSession({ userId: user.id, orgId: org.id });
  const elsewhere = await createSession({ userId: user.id, orgId: org.id });
  return { user, org, stolen, elsewhere };
}

const guessChange = (v: Awaited<ReturnType<typeof victim>>, currentPassword: string, now = new Date()) =>
  changePassword({
    userId: v.user.id,
    orgId: v.org.id,
    sessionId: v.stolen.id,
    input: { currentPassword, newPassword: NEW_PASSWORD },
    ip: ip(),
    now,
  });

describe("attack: 30 concurrent wrong sign-ins for one email race the throttle", () => {
  it(`runs exactly ${MAX_FAILURES_PER_EMAIL} argon2 checks and throttles the rest, from any IP`, async () => {
    const { user } = await createUserWithOrg();
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signInWithPassword({ input: { email: user.email, password: `guess-${i}` }, ip: ip(), userAgent: "" }),
      ),
    );
    expect(outcomes.filter((o) => !o.ok && o.reason === "invalid_credentials")).toHaveLength(MAX_FAILURES_PER_EMAIL);
    expect(outcomes.filter((o) => !o.ok && o.reason === "throttled")).toHaveLength(30 - MAX_FAILURES_PER_EMAIL);
    expect(argon2Checks()).toBe(MAX_FAILURES_PER_EMAIL);
    expect(await db.signInAttempt.count({ where: { key: emailKey(user.email) } })).toBe(MAX_FAILURES_PER_EMAIL);
  });
});

describe("attack: a stolen session cookie guesses the current password through password change", () => {
  it("is throttled long before the 26th guess, and the right password is refused while throttled", async () => {
    const v = await victim();
    const results = [];
    for (let i = 0; i < 25; i++) results.push(await guessChange(v, `guess-${i}`));
    const wrong = results.filter((r) => !r.ok && r.error.kind === "invalid");
    const throttled = results.filter((r) => !r.ok && r.error.kind === "locked");
    expect(wrong).toHaveLength(MAX_FAILURES_PER_EMAIL);
    expect(throttled).toHaveLength(25 - MAX_FAILURES_PER_EMAIL);
    expect(argon2Checks()).toBe(MAX_FAILURES_PER_EMAIL);

    const right = await guessChange(v, TEST_PASSWORD);
    expect(right.ok).toBe(false);
    if (right.ok || right.error.kind !== "locked") throw new Error("expected a throttle refusal");
    expect(right.error.retryAfter).toBeGreaterThan(SIGN_IN_WINDOW_SECONDS - 60);
    expect(right.error.message).toMatch(/Too many password attempts\. Try again in \d+ minutes\./);
    expect(argon2Checks()).toBe(MAX_FAILURES_PER_EMAIL); // the right guess never reached argon2
    // Nothing changed: the password is the old one and the victim's other session lives.
    const after = await db.user.findUniqueOrThrow({ where: { id: v.user.id } });
    expect(after.passwordHash).toBe(v.user.passwordHash);
    expect(await loadSession(v.elsewhere.id)).not.toBeNull();
  });

  it("counts each wrong current password toward the step-up lockout, and is refused while locked", async () => {
    const v = await victim();
    await guessChange(v, "guess-1");
    expect(await db.stepUpFailure.count({ where: { userId: v.user.id, reason: "password_mismatch" } })).toBe(1);
    // The lockout (from any source: bad passkey assertions too) closes password change as well.
    await db.stepUpLockout.create({ data: { userId: v.user.id, lockedUntil: new Date(Date.now() + 15 * 60_000) } });
    vi.mocked(password.verifyPassword).mockClear();
    const right = await guessChange(v, TEST_PASSWORD);
    expect(!right.ok && right.error.kind).toBe("locked");
    expect(!right.ok && right.error.message).toMatch(/Too many failed verifications/);
    expect(argon2Checks()).toBe(0);
  });

  it(`shares one lockout with passkey checks: failed assertions plus wrong passwords lock at ${LOCKOUT_MAX_FAILURES}`, async () => {
    const v = await victim();
    const passkeyFailures = LOCKOUT_MAX_FAILURES - MAX_FAILURES_PER_EMAIL;
    await db.stepUpFailure.createMany({
      data: Array.from({ length: passkeyFailures }, () => ({ userId: v.user.id, reason: "verification_failed" })),
    });
    let last;
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) last = await guessChange(v, `b-${i}`);
    // The tenth failure of any kind locks every check a session can make.
    expect(last && !last.ok && last.error.kind).toBe("locked");
    expect(last && !last.ok && last.error.message).toMatch(/Too many failed verifications/);
    expect(await db.stepUpLockout.count({ where: { userId: v.user.id } })).toBe(1);
  });
});

describe("attack: guesses spread over sign-in, password change and enrolment to multiply the budget", () => {
  it("all three spend one budget per account", async () => {
    const v = await victim(); // no passkey yet: enrolment takes the password
    const who = { userId: v.user.id, sessionId: v.stolen.id, orgId: v.org.id, now: new Date(), ip: ip() };
    await signInWithPassword({ input: { email: v.user.email, password: "s-1" }, ip: ip(), userAgent: "" });
    await signInWithPassword({ input: { email: v.user.email, password: "s-2" }, ip: ip(), userAgent: "" });
    await guessChange(v, "c-1");
    await guessChange(v, "c-2");
    expect(await startPasskeyRegistration({ ...who, password: "e-1" })).toMatchObject({ ok: false, kind: "invalid" });
    expect(argon2Checks()).toBe(MAX_FAILURES_PER_EMAIL);

    // Budget spent: the RIGHT password is refused at every door, and argon2 never runs.
    expect(await signInWithPassword({ input: { email: v.user.email, password: TEST_PASSWORD }, ip: ip(), userAgent: "" })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect(await guessChange(v, TEST_PASSWORD)).toMatchObject({ ok: false, error: { kind: "locked" } });
    expect(await startPasskeyRegistration({ ...who, password: TEST_PASSWORD })).toMatchObject({ ok: false, kind: "locked" });
    expect(argon2Checks()).toBe(MAX_FAILURES_PER_EMAIL);
    expect(await db.webAuthnChallenge.count({ where: { userId: v.user.id } })).toBe(0);
  });

  it("throttle refusals write nothing (no attempt, failure, audit or challenge rows), so the window never extends itself", async () => {
    const v = await victim();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await guessChange(v, `g-${i}`);
    const counts = () =>
      Promise.all([
        db.signInAttempt.count({ where: { key: emailKey(v.user.email) } }),
        db.stepUpFailure.count({ where: { userId: v.user.id } }),
        db.auditEvent.count({ where: { actorUserId: v.user.id } }),
        db.webAuthnChallenge.count({ where: { userId: v.user.id } }),
      ]);
    const before = await counts();
    const who = { userId: v.user.id, sessionId: v.stolen.id, orgId: v.org.id, now: new Date(), ip: ip() };
    for (let i = 0; i < 5; i++) {
      await guessChange(v, `more-${i}`);
      await startPasskeyRegistration({ ...who, password: `more-${i}` });
      await signInWithPassword({ input: { email: v.user.email, password: `more-${i}` }, ip: ip(), userAgent: "" });
    }
    expect(await counts()).toEqual(before);
  });
});
