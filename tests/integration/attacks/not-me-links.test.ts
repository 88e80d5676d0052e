// Attacks on the "this wasn't me" link every security notice carries: a replayed link, an
// expired one, another user's, a GET (a mail scanner prefetching it), a forged or malformed
// token. The click signs out every session, ends every grant and mails a reset link; every
// refusal writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { issueNotMeToken, NOT_ME_TTL_SECONDS, peekNotMeToken, secureAccount } from "@/lib/auth/not-me";
import { hashToken } from "@/lib/crypto/hash-token";
import { notifySecurityEvent } from "@/lib/mail/notify-security-event";
import { stepUp, userWithPasskey } from "@/tests/helpers/step-up";
import { createSession } from "@/tests/helpers/factories";
import { startMailCatcher, tokenIn, type MailCatcher } from "@/tests/helpers/mail-catcher";

let mail: MailCatcher;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(() => mail.close());

const IP = "198.51.100.60";
const click = (token: unknown, now = new Date()) => secureAccount({ input: { token }, ip: IP, now });

/** A victim with two live sessions, a fresh grant, and a notice mail whose link we hold. */
async function victimWithNotice() {
  const u = await userWithPasskey({ plan: "pro" });
  // Enrolment mails its own notice (with its own link): let it land first.
  await mail.waitForMail({ to: u.user.email, subject: "A passkey was added to your tiergate account" });
  const other = await createSession({ userId: u.user.id, orgId: u.org.id });
  await stepUp({ userId: u.user.id, sessionId: u.session.id, orgId: u.org.id, authenticator: u.authenticator });
  notifySecurityEvent({ userId: u.user.id, event: { kind: "recovery_codes_regenerated" }, at: new Date() });
  const notice = await mail.waitForMail({ to: u.user.email, subject: "New recovery codes for your tiergate account" });
  return { ...u, other, token: tokenIn(notice, "/not-me/") };
}

const state = (userId: string) =>
  Promise.all([
    db.session.count({ where: { userId, revokedAt: null } }),
    db.stepUpGrant.count({ where: { userId, revokedAt: null } }),
    db.notMeToken.count({ where: { userId, usedAt: null } }),
    db.emailToken.count({ where: { userId, purpose: "reset_password" } }),
  ]);

describe("the click secures the account", () => {
  it("signs out every session, ends every grant, and mails a reset link", async () => {
    const v = await victimWithNotice();
    expect(await db.stepUpGrant.count({ where: { userId: v.user.id, revokedAt: null } })).toBe(1);
    const result = await click(v.token);
    expect(result).toEqual({ ok: true, data: { email: v.user.email, sessionsSignedOut: 2 } });
    expect(await state(v.user.id)).toEqual([0, 0, 1, 1]); // the enrolment notice's own link stays usable
    const reset = await mail.waitForMail({ to: v.user.email, subject: "Reset your tiergate password" });
    expect(reset.text).toContain("http://localhost:3000/reset-password/");
    const audit = await db.auditEvent.findFirst({ where: { actorUserId: v.user.id, action: "auth.not_me" } });
    expect(audit).toMatchObject({ decision: "revoked", detail: { sessionsSignedOut: 2, grantsRevoked: 1 } });
  });

  it("opening the link (GET: the page peeks) changes nothing", async () => {
    const v = await victimWithNotice();
    const before = await state(v.user.id);
    expect(await peekNotMeToken({ token: v.token, now: new Date() })).toEqual({ ok: true, userId: v.user.id });
    expect(await state(v.user.id)).toEqual(before);
  });
});

describe("attack: a this-wasn't-me link replayed", () => {
  it("works once; the second click is refused and writes nothing", async () => {
    const v = await victimWithNotice();
    expect((await click(v.token)).ok).toBe(true);
    // The person signs in again; a replay of the old link must not sign them out again.
    await createSession({ userId: v.user.id, orgId: v.org.id });
    const before = await state(v.user.id);
    const again = await click(v.token);
    expect(again).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringMatching(/already been used/) } });
    expect(await state(v.user.id)).toEqual(before);
  });

  it("two clicks racing spend it once", async () => {
    const v = await victimWithNotice();
    const results = await Promise.all([click(v.token), click(v.token)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

describe("attack: a this-wasn't-me link expired", () => {
  it(`lives ${NOT_ME_TTL_SECONDS} s (48 h); after that it is refused and writes nothing`, async () => {
    const v = await victimWithNotice();
    const issued = await db.notMeToken.findUniqueOrThrow({ where: { tokenHash: hashToken(v.token) } });
    expect(issued.expiresAt.getTime() - issued.createdAt.getTime()).toBe(48 * 3600_000);
    const before = await state(v.user.id);
    const late = await click(v.token, new Date(issued.expiresAt.getTime() + 1000));
    expect(late).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringMatching(/expired/) } });
    expect(await state(v.user.id)).toEqual(before);
  });
});

describe("attack: another user's this-wasn't-me link", () => {
  it("acts only on the account it was mailed to, whoever clicks it", async () => {
    const victim = await victimWithNotice();
    const attacker = await victimWithNotice();
    const victimBefore = await state(victim.user.id);
    expect(await click(attacker.token)).toMatchObject({ ok: true, data: { email: attacker.user.email } });
    expect(await state(victim.user.id)).toEqual(victimBefore);
  });

  it("a newer notice leaves the older link working (each may describe a different change)", async () => {
    const v = await victimWithNotice();
    await issueNotMeToken({ userId: v.user.id, now: new Date() });
    expect((await click(v.token)).ok).toBe(true);
  });
});

describe("attack: malformed or forged this-wasn't-me tokens", () => {
  it.each([
    ["a forged token of the right shape", "A".repeat(43)],
    ["too short", "abc"],
    ["a number", 42],
    ["null", null],
  ])("%s is refused with a clear message and writes nothing", async (_label, token) => {
    const v = await victimWithNotice();
    const before = await state(v.user.id);
    expect(await click(token)).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringMatching(/not valid/) } });
    expect(await state(v.user.id)).toEqual(before);
  });

  it("an extra field is refused", async () => {
    const v = await victimWithNotice();
    expect(await secureAccount({ input: { token: v.token, userId: "x" }, ip: IP, now: new Date() })).toMatchObject({
      ok: false,
      error: { kind: "invalid" },
    });
    expect(await db.notMeToken.count({ where: { userId: v.user.id, usedAt: null } })).toBe(2);
  });
});
