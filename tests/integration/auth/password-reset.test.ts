// A password reset ends everything the old password stood behind: every session (the one
// asking included: a reset opens none) and every step-up grant. It creates no grant and
// marks no session fresh, confirms the address (the link proved the mailbox), and mails a notice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { resetPassword } from "@/lib/auth/reset-password";
import { checkPassword } from "@/lib/auth/check-password";
import { createSession, createUserWithOrg, TEST_PASSWORD } from "@/tests/helpers/factories";
import { registerPasskey, stepUp } from "@/tests/helpers/step-up";
import { SoftAuthenticator } from "@/tests/helpers/soft-authenticator";
import { startMailCatcher, tokenIn, type MailCatcher } from "@/tests/helpers/mail-catcher";

let mail: MailCatcher;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(() => mail.close());

describe("resetPassword", () => {
  it("signs out every session, ends every grant, creates none, and mails a notice", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro", verified: false });
    const laptop = await createSession({ userId: user.id, orgId: org.id });
    const phone = await createSession({ userId: user.id, orgId: org.id });
    const authenticator = new SoftAuthenticator();
    await registerPasskey({ userId: user.id, sessionId: laptop.id, orgId: org.id, authenticator });
    const granted = await stepUp({ userId: user.id, sessionId: laptop.id, orgId: org.id, authenticator, actionId: "exports.csv" });
    expect(granted.ok).toBe(true);
    expect(await db.stepUpGrant.count({ where: { userId: user.id, revokedAt: null } })).toBe(1);

    await requestPasswordReset({ input: { email: user.email }, ip: "203.0.113.9", now: new Date() });
    const token = tokenIn(await mail.waitForMail({ to: user.email, subject: "Reset your tiergate password" }), "/reset-password/");
    const grantsBefore = await db.stepUpGrant.count({ where: { userId: user.id } });
    const sessionsBefore = await db.session.count({ where: { userId: user.id } });

    const result = await resetPassword({ input: { token, password: "a-brand-new-password" }, ip: "203.0.113.9", now: new Date() });
    expect(result).toEqual({ ok: true, data: { email: user.email, sessionsSignedOut: 2, grantsRevoked: 1 } });

    const sessions = await db.session.findMany({ where: { userId: user.id } });
    expect(sessions).toHaveLength(sessionsBefore); // no session opened
    for (const s of sessions) expect(s).toMatchObject({ revokedAt: expect.any(Date), revokedReason: "password_reset" });
    expect(phone.id).toBeTruthy();
    expect(await db.stepUpGrant.count({ where: { userId: user.id } })).toBe(grantsBefore); // no grant created
    expect(await db.stepUpGrant.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await db.stepUpGrant.findFirst({ where: { userId: user.id } })).toMatchObject({ revokedReason: "password_reset" });

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.emailVerifiedAt).not.toBeNull();
    expect(after.passwordChangedAt.getTime()).toBeGreaterThan(user.passwordChangedAt.getTime());
    const now = new Date();
    expect(await checkPassword({ account: { email: user.email }, password: "a-brand-new-password", ip: null, now })).toMatchObject({
      ok: true,
    });
    expect(await checkPassword({ account: { email: user.email }, password: TEST_PASSWORD, ip: null, now })).toMatchObject({ ok: false });

    const notice = await mail.waitForMail({ to: user.email, subject: "Your tiergate password was reset" });
    expect(notice.text).toContain("Every session was signed out.");
    expect(notice.text).toMatch(/http:\/\/localhost:3000\/not-me\/[A-Za-z0-9_-]{43}/);
    expect(await db.auditEvent.findFirst({ where: { actorUserId: user.id, action: "auth.password_reset" } })).toMatchObject({
      decision: "succeeded",
      detail: { sessionsSignedOut: 2, grantsRevoked: 1 },
    });
  });
});
