// A mail server that refuses: the person's action still happens (the account exists, the
// password is changed), the answer says the mail could not be sent with a reference (never
// the SMTP error), the failure is logged with that same reference, and a resend works once
// the server is back. Requests whose answer must not depend on mail (forgot password) answer
// exactly as usual.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { signUp } from "@/lib/auth/sign-up";
import { resendVerification } from "@/lib/auth/resend-verification";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { changePassword } from "@/lib/auth/change-password";
import { createSession, createUserWithOrg, TEST_PASSWORD, uniqueEmail } from "@/tests/helpers/factories";
import { startMailCatcher, type MailCatcher } from "@/tests/helpers/mail-catcher";

let mail: MailCatcher;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(() => mail.close());

describe("when the mail server refuses", () => {
  it("sign-up still creates the account and answers with a reference that the log carries; resend works later", async () => {
    mail.failing = true;
    const errors = vi.spyOn(logger, "error");
    const email = uniqueEmail("nomail");
    try {
      const result = await signUp({ input: { name: "Nomail", email, password: "a-good-password" }, ip: null, now: new Date() });
      expect(result).toEqual({ ok: true, data: { email, mailSent: false, mailReference: expect.stringMatching(/^[0-9a-f]{8}$/) } });
      const reference = result.ok ? result.data.mailReference : undefined;
      expect(JSON.stringify(result)).not.toMatch(/451|Mailbox|SMTP/i);
      const logged = errors.mock.calls.map((c) => c[0] as Record<string, unknown>).find((o) => o.event === "mail.failed");
      expect(logged).toMatchObject({ event: "mail.failed", kind: "verify_email", reference, toDomain: "test.example" });
      expect(JSON.stringify(logged)).not.toContain(email);
      // A confirmed owner's address answers the same way while the server is down.
      const { user: owner } = await createUserWithOrg();
      const existing = await signUp({ input: { name: "X", email: owner.email, password: "a-good-password" }, ip: null, now: new Date() });
      expect(existing).toEqual({ ok: true, data: { email: owner.email, mailSent: false, mailReference: expect.any(String) } });
    } finally {
      mail.failing = false;
      errors.mockRestore();
    }
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const resent = await resendVerification({ ctx: { userId: user.id }, ip: null, now: new Date() });
    expect(resent).toEqual({ ok: true, data: { alreadyVerified: false, email, mailSent: true } });
    await mail.waitForMail({ to: email, subject: /Confirm your email/ });
  });

  it("forgot password answers as usual (the mail goes out after the answer)", async () => {
    mail.failing = true;
    try {
      const { user } = await createUserWithOrg();
      expect(await requestPasswordReset({ input: { email: user.email }, ip: null, now: new Date() })).toEqual({
        ok: true,
        data: { email: user.email },
      });
    } finally {
      await new Promise((r) => setTimeout(r, 300));
      mail.failing = false;
    }
  });

  it("a password change still happens, and its notice failure does not turn it into an error", async () => {
    mail.failing = true;
    try {
      const { user, org } = await createUserWithOrg();
      const session = await createSession({ userId: user.id, orgId: org.id });
      const result = await changePassword({
        userId: user.id,
        orgId: org.id,
        sessionId: session.id,
        input: { currentPassword: TEST_PASSWORD, newPassword: "changed-while-down" },
        ip: "192.0.2.1",
      });
      expect(result.ok).toBe(true);
    } finally {
      await new Promise((r) => setTimeout(r, 300));
      mail.failing = false;
    }
  });
});

describe("resendVerification", () => {
  it("does nothing for a confirmed address, and is throttled per account with a retry time", async () => {
    const { user } = await createUserWithOrg();
    expect(await resendVerification({ ctx: { userId: user.id }, now: new Date() })).toEqual({ ok: true, data: { alreadyVerified: true } });
    const { user: fresh } = await createUserWithOrg({ verified: false });
    const now = new Date();
    for (let i = 0; i < 3; i++) expect((await resendVerification({ ctx: { userId: fresh.id }, now })).ok).toBe(true);
    expect(await resendVerification({ ctx: { userId: fresh.id }, now })).toMatchObject({
      ok: false,
      error: { kind: "locked", retryAfter: 900 },
    });
    expect(await db.emailToken.count({ where: { userId: fresh.id, purpose: "verify_email", usedAt: null } })).toBe(1);
  });
});
