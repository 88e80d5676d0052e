// Attacks on recovery codes and the factor-replacement permission a spent code gives one
// session: a code used twice, a code presented for a data action (it never creates a
// step-up grant), the permission used from another session, after it expired or for
// anything but enrolling one factor, guesses spread over password and recovery codes (one
// budget), regenerating without a step-up, and malformed bodies. The browser is simulated
// at the edge (getCurrentSession); everything behind it is real, the mail server included.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { CurrentSession } from "@/lib/auth/load-session";
import { checkPassword } from "@/lib/auth/check-password";
import { emailKey, MAX_FAILURES_PER_EMAIL } from "@/lib/auth/sign-in-throttle";
import { issueRecoveryCodes, RECOVERY_CODE_COUNT } from "@/lib/factors/recovery-codes";
import { redeemRecoveryCode } from "@/lib/factors/recovery-redeem";
import { REPLACEMENT_TTL_SECONDS } from "@/lib/factors/replacement-permission";
import { finishPasskeyRegistration, startPasskeyRegistration } from "@/lib/step-up/register-passkey";
import { STEP_UP_PRESETS } from "@/lib/licensing/policy";
import { SoftAuthenticator } from "@/tests/helpers/soft-authenticator";
import { stepUp, userWithPasskey } from "@/tests/helpers/step-up";
import { createSession, createUserWithOrg, TEST_PASSWORD } from "@/tests/helpers/factories";
import { currentSessionOf } from "@/tests/helpers/current-session-of";
import { startMailCatcher, type MailCatcher } from "@/tests/helpers/mail-catcher";

const current = vi.hoisted(() => ({ session: null as CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
const { regenerateRecoveryCodesAction } = await import("@/app/(app)/account/actions");
const { removePasskeyAction } = await import("@/components/passkeys/actions");

let mail: MailCatcher;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(() => mail.close());
beforeEach(() => {
  current.session = null;
});

const MINUTE = 60_000;
const IP = "198.51.100.41";
type Account = Awaited<ReturnType<typeof userWithPasskey>>;

/** A Pro user with a passkey and a known set of recovery codes (the set issued at enrolment is replaced). */
async function withCodes(now = new Date()) {
  const u = await userWithPasskey({ plan: "pro", now });
  const codes = await db.$transaction((tx) => issueRecoveryCodes({ tx, userId: u.user.id, now }));
  return { ...u, codes };
}

const ctxOf = (u: Pick<Account, "user" | "org">, sid: string) => ({
  kind: "session" as const,
  sid,
  userId: u.user.id,
  email: u.user.email,
  orgId: u.org.id,
});

const redeem = (u: Account, code: unknown, { sid = u.session.id, now = new Date() } = {}) =>
  redeemRecoveryCode({ input: { code }, ctx: ctxOf(u, sid), ip: IP, now });

const who = (u: Account, sessionId = u.session.id, now = new Date()) => ({ userId: u.user.id, sessionId, orgId: u.org.id, now, ip: IP });

/** Start and finish a passkey enrolment with no password and no step-up (the replacement path). */
async function enrolWithoutStepUp(u: Account, options: { sessionId?: string; startAt?: Date; finishAt?: Date } = {}) {
  const { sessionId = u.session.id, startAt = new Date() } = options;
  const finishAt = options.finishAt ?? startAt;
  const started = await startPasskeyRegistration({ ...who(u, sessionId, startAt), password: null });
  if (!started.ok) return { started, finished: null };
  const authenticator = new SoftAuthenticator();
  const finished = await finishPasskeyRegistration({
    ...who(u, sessionId, finishAt),
    response: authenticator.register({ challenge: started.options.challenge }),
    name: "Replacement key",
  });
  return { started, finished, authenticator };
}

const footprint = (u: Account) =>
  Promise.all([
    db.recoveryCode.count({ where: { userId: u.user.id, usedAt: null } }),
    db.factorReplacement.count({ where: { userId: u.user.id } }),
    db.stepUpGrant.count({ where: { userId: u.user.id } }),
    db.signInAttempt.count({ where: { key: emailKey(u.user.email) } }),
    db.stepUpFailure.count({ where: { userId: u.user.id } }),
    db.passkey.count({ where: { userId: u.user.id } }),
  ]);

describe("recovery codes are issued with the first factor", () => {
  it("the first passkey answers 10 codes once; a second passkey answers none and leaves them", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const session = await createSession({ userId: user.id, orgId: org.id });
    const first = new SoftAuthenticator();
    const now = new Date();
    const started = await startPasskeyRegistration({ userId: user.id, sessionId: session.id, orgId: org.id, password: TEST_PASSWORD, now });
    if (!started.ok) throw new Error(started.kind);
    const finished = await finishPasskeyRegistration({
      userId: user.id,
      sessionId: session.id,
      orgId: org.id,
      response: first.register({ challenge: started.options.challenge }),
      name: null,
      userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
      now,
    });
    expect(finished.ok).toBe(true);
    if (!finished.ok) return;
    expect(finished.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(finished.recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of finished.recoveryCodes!) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    // Unnamed: the virtual authenticator's AAGUID is all zeros, so the browser names it.
    expect(finished.passkey.name).toBe("Chrome on macOS");
    const rows = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(RECOVERY_CODE_COUNT);
    // Stored hashed (argon2id), never in clear.
    for (const r of rows) expect(r.codeHash).toMatch(/^\$argon2id\$/);
    const clear = finished.recoveryCodes!.map((c) => c.replace("-", ""));
    expect(rows.some((r) => clear.some((c) => r.codeHash.includes(c)))).toBe(false);

    const u = { user, org, session, authenticator: first, passkey: finished.passkey };
    await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator: first, actionId: "passkeys.add" });
    const second = await startPasskeyRegistration({ ...who(u as Account) });
    if (!second.ok) throw new Error(second.kind);
    const added = await finishPasskeyRegistration({
      ...who(u as Account),
      response: new SoftAuthenticator().register({ challenge: second.options.challenge }),
      name: "Second",
    });
    expect(added).toMatchObject({ ok: true, recoveryCodes: null });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(RECOVERY_CODE_COUNT);
  });
});

describe("attack: a recovery code used twice", () => {
  it("the first use spends it and permits one enrolment; the second is refused and permits nothing", async () => {
    const u = await withCodes();
    const first = await redeem(u, u.codes[0]);
    expect(first).toMatchObject({ ok: true, data: { remaining: RECOVERY_CODE_COUNT - 1 } });
    const before = await db.factorReplacement.count({ where: { userId: u.user.id } });
    const again = await redeem(u, u.codes[0]);
    expect(again).toMatchObject({
      ok: false,
      error: { kind: "invalid", fields: { code: expect.stringMatching(/not one of your unused/) } },
    });
    expect(await db.factorReplacement.count({ where: { userId: u.user.id } })).toBe(before);
    expect(await db.recoveryCode.count({ where: { userId: u.user.id, usedAt: null } })).toBe(RECOVERY_CODE_COUNT - 1);
  });

  it("two redemptions of one code racing spend it once", async () => {
    const u = await withCodes();
    const results = await Promise.all([redeem(u, u.codes[1]), redeem(u, u.codes[1])]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.factorReplacement.count({ where: { userId: u.user.id } })).toBe(1);
  });

  it("accepts the code as people type it (lower case, spaces, O for 0) but it is still one code", async () => {
    const u = await withCodes();
    const typed = ` ${u.codes[2]!.toLowerCase().replace("-", " ").replace(/0/g, "o")} `;
    expect(await redeem(u, typed)).toMatchObject({ ok: true });
    expect(await redeem(u, u.codes[2])).toMatchObject({ ok: false, error: { kind: "invalid" } });
  });
});

describe("attack: a recovery code for a data action", () => {
  it("redeeming creates no step-up grant: a factor-management action still asks for a step-up", async () => {
    const u = await withCodes();
    expect(await redeem(u, u.codes[0])).toMatchObject({ ok: true });
    expect(await db.stepUpGrant.count({ where: { sessionId: u.session.id } })).toBe(0);
    current.session = currentSessionOf(u);
    const removal = await removePasskeyAction({ input: { passkeyId: u.passkey.id }, idempotencyKey: crypto.randomUUID() });
    expect(removal).toMatchObject({ ok: false, error: { kind: "step_up_required", actionId: "passkeys.remove" } });
    const regenerate = await regenerateRecoveryCodesAction({ input: {}, idempotencyKey: crypto.randomUUID() });
    expect(regenerate).toMatchObject({ ok: false, error: { kind: "step_up_required", actionId: "recoveryCodes.regenerate" } });
    expect(await db.passkey.count({ where: { userId: u.user.id } })).toBe(1);
  });
});

describe("attack: the replacement permission used from another session", () => {
  it("a second session of the same user cannot enrol without a step-up", async () => {
    const u = await withCodes();
    expect(await redeem(u, u.codes[0])).toMatchObject({ ok: true });
    const elsewhere = await createSession({ userId: u.user.id, orgId: u.org.id });
    const { started } = await enrolWithoutStepUp(u, { sessionId: elsewhere.id });
    expect(started).toMatchObject({ ok: false, kind: "refused", refusal: { kind: "step_up_required", actionId: "passkeys.add" } });
    expect(await db.passkey.count({ where: { userId: u.user.id } })).toBe(1);
    expect(await db.factorReplacement.count({ where: { userId: u.user.id, usedAt: null } })).toBe(1);
  });

  it("dies with its session: once signed out, nothing is left to use", async () => {
    const u = await withCodes();
    expect(await redeem(u, u.codes[0])).toMatchObject({ ok: true });
    await db.session.delete({ where: { id: u.session.id } });
    expect(await db.factorReplacement.count({ where: { userId: u.user.id } })).toBe(0);
  });
});

describe("attack: the replacement permission used after it expired", () => {
  it(`lives ${REPLACEMENT_TTL_SECONDS} s: a start after that asks for a step-up`, async () => {
    const now = new Date();
    const u = await withCodes(now);
    expect(await redeem(u, u.codes[0], { now })).toMatchObject({
      ok: true,
      data: { expiresAt: new Date(now.getTime() + 600_000).toISOString() },
    });
    const { started } = await enrolWithoutStepUp(u, { startAt: new Date(now.getTime() + 10 * MINUTE + 1000) });
    expect(started).toMatchObject({
      ok: false,
      kind: "refused",
      refusal: { kind: "step_up_required", maxAge: STEP_UP_PRESETS.strict.maxAge },
    });
  });

  it("a start inside the window and a finish after it is refused at finish", async () => {
    const now = new Date();
    const u = await withCodes(now);
    await redeem(u, u.codes[0], { now });
    const { started, finished } = await enrolWithoutStepUp(u, {
      startAt: new Date(now.getTime() + 9 * MINUTE),
      finishAt: new Date(now.getTime() + 10 * MINUTE + 1000),
    });
    expect(started.ok).toBe(true);
    expect(finished).toMatchObject({ ok: false, reason: "first_factor_taken" });
    expect(await db.passkey.count({ where: { userId: u.user.id } })).toBe(1);
  });
});

describe("attack: the replacement permission used for anything but one enrolment", () => {
  it("enrols exactly one passkey; a second enrolment needs a step-up again", async () => {
    const u = await withCodes();
    await redeem(u, u.codes[0]);
    const { finished, authenticator } = await enrolWithoutStepUp(u);
    expect(finished).toMatchObject({ ok: true, recoveryCodes: null });
    const permission = await db.factorReplacement.findFirstOrThrow({ where: { userId: u.user.id } });
    expect(permission).toMatchObject({ usedFor: "passkey" });
    expect(permission.usedAt).not.toBeNull();
    const { started } = await enrolWithoutStepUp(u);
    expect(started).toMatchObject({ ok: false, kind: "refused", refusal: { kind: "step_up_required" } });
    // The new passkey is a factor like any other: the person steps up with it.
    const granted = await stepUp({ userId: u.user.id, sessionId: u.session.id, orgId: u.org.id, authenticator: authenticator! });
    expect(granted.ok).toBe(true);
  });
});

describe("attack: brute force across password and recovery codes sharing one lockout", () => {
  it(`${MAX_FAILURES_PER_EMAIL} wrong guesses split between the two doors stop the right code too`, async () => {
    const u = await withCodes();
    const now = new Date();
    for (let i = 0; i < 3; i++) {
      expect(
        await checkPassword({ account: { userId: u.user.id, orgId: u.org.id }, password: `wrong-${i}-guess`, ip: IP, now }),
      ).toMatchObject({
        ok: false,
        reason: "wrong_password",
      });
    }
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 3; i++)
      expect(await redeem(u, "ZZZZZ-ZZZZZ", { now })).toMatchObject({ ok: false, error: { kind: "invalid" } });
    const right = await redeem(u, u.codes[0], { now });
    expect(right).toMatchObject({
      ok: false,
      error: { kind: "locked", retryAfter: expect.any(Number), message: expect.stringMatching(/Too many/) },
    });
    // The refused attempt never reached the hashes: the right code is still unused.
    expect(await db.recoveryCode.count({ where: { userId: u.user.id, usedAt: null } })).toBe(RECOVERY_CODE_COUNT);
    expect(await db.factorReplacement.count({ where: { userId: u.user.id } })).toBe(0);
    // And the password door is shut by the code guesses as well.
    const password = await checkPassword({ account: { userId: u.user.id, orgId: u.org.id }, password: TEST_PASSWORD, ip: IP, now });
    expect(password).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("wrong codes count toward the step-up lockout", async () => {
    const u = await withCodes();
    await redeem(u, "ZZZZZ-ZZZZZ");
    expect(await db.stepUpFailure.count({ where: { userId: u.user.id, reason: "recovery_code_mismatch" } })).toBe(1);
  });
});

describe("attack: regenerating codes without a step-up", () => {
  it("is refused step_up_required (strict) and the old codes keep working", async () => {
    const u = await withCodes();
    const hashes = (await db.recoveryCode.findMany({ where: { userId: u.user.id }, orderBy: { id: "asc" } })).map((r) => r.codeHash);
    current.session = currentSessionOf(u);
    const result = await regenerateRecoveryCodesAction({ input: {}, idempotencyKey: crypto.randomUUID() });
    expect(result).toMatchObject({ ok: false, error: { kind: "step_up_required", maxAge: STEP_UP_PRESETS.strict.maxAge } });
    expect((await db.recoveryCode.findMany({ where: { userId: u.user.id }, orderBy: { id: "asc" } })).map((r) => r.codeHash)).toEqual(
      hashes,
    );
  });

  it("with a fresh step-up it answers 10 new codes once, the old ones die, a replay is refused, and the owner is mailed", async () => {
    const u = await withCodes();
    await stepUp({ userId: u.user.id, sessionId: u.session.id, orgId: u.org.id, authenticator: u.authenticator });
    current.session = currentSessionOf(u);
    const key = crypto.randomUUID();
    const result = await regenerateRecoveryCodesAction({ input: {}, idempotencyKey: key });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(await redeem(u, u.codes[0])).toMatchObject({ ok: false, error: { kind: "invalid" } });
    const replay = await regenerateRecoveryCodesAction({ input: {}, idempotencyKey: key });
    expect(replay.ok).toBe(false);
    expect(JSON.stringify(await db.idempotencyRecord.findMany({ where: { key } }))).not.toContain(result.data.codes[0]);
    await mail.waitForMail({ to: u.user.email, subject: "New recovery codes for your tiergate account" });
  });
});

describe("attack: removing a factor without a step-up", () => {
  it("is refused step_up_required and the passkey stays", async () => {
    const u = await withCodes();
    current.session = currentSessionOf(u);
    const result = await removePasskeyAction({ input: { passkeyId: u.passkey.id }, idempotencyKey: crypto.randomUUID() });
    expect(result).toMatchObject({ ok: false, error: { kind: "step_up_required", actionId: "passkeys.remove" } });
    expect(await db.passkey.count({ where: { userId: u.user.id } })).toBe(1);
  });
});

describe("attack: malformed recovery-code bodies", () => {
  it.each([
    ["a number", 1234567890],
    ["null", null],
    ["too short", "ABCDE"],
    ["letters outside the alphabet", "UUUUU-UUUUU"],
    ["a very long string", "A".repeat(5000)],
  ])("%s is refused with a clear message and writes nothing", async (_label, code) => {
    const u = await withCodes();
    const before = await footprint(u);
    const result = await redeem(u, code);
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid", fields: { code: expect.any(String) } } });
    expect(await footprint(u)).toEqual(before);
  });

  it("an extra field or a non-object is refused and writes nothing", async () => {
    const u = await withCodes();
    const before = await footprint(u);
    for (const input of [{ code: u.codes[0], userId: "someone-else" }, "not an object", undefined]) {
      expect(await redeemRecoveryCode({ input, ctx: ctxOf(u, u.session.id), ip: IP, now: new Date() })).toMatchObject({
        ok: false,
        error: { kind: "invalid" },
      });
    }
    expect(await footprint(u)).toEqual(before);
  });
});

describe("attack: another user's recovery code", () => {
  it("a code is only ever checked against the signed-in user's own set", async () => {
    const victim = await withCodes();
    const attacker = await withCodes();
    expect(await redeem(attacker, victim.codes[0])).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(await db.recoveryCode.count({ where: { userId: victim.user.id, usedAt: null } })).toBe(RECOVERY_CODE_COUNT);
  });
});

describe("using a code mails a notice", () => {
  it("says how many codes are left, with a this-wasn't-me link", async () => {
    const u = await withCodes();
    await redeem(u, u.codes[3]);
    const notice = await mail.waitForMail({ to: u.user.email, subject: "A recovery code was used on your tiergate account" });
    expect(notice.text).toContain("9 of your recovery codes are left");
    expect(notice.text).toMatch(/http:\/\/localhost:3000\/not-me\/[A-Za-z0-9_-]{43}/);
  });
});
