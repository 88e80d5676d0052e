// Attacks on the mail-sending doors that need no password: learning which addresses have an
// account (from the answer of sign-up or "forgot password"), and flooding an inbox or the
// mail server through them. Each answer must be identical for known and unknown addresses;
// each door is throttled (per IP; per address for resets, registered or not) with a retry time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signUp } from "@/lib/auth/sign-up";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { RESETS_PER_EMAIL, RESETS_PER_IP, MAIL_WINDOW_SECONDS } from "@/lib/auth/mail-throttle";
import { env } from "@/lib/env";
import { createUserWithOrg, uniqueEmail } from "@/tests/helpers/factories";
import { startMailCatcher, type MailCatcher } from "@/tests/helpers/mail-catcher";

let mail: MailCatcher;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(() => mail.close());

const uniqueIp = () => `198.51.100.${Math.floor(Math.random() * 250)}-${crypto.randomUUID().slice(0, 6)}`;

describe("sign-up does not tell whether an address has an account", () => {
  it("answers a confirmed owner's address exactly like a new one, and mails the owner a warning instead of a link", async () => {
    const { user } = await createUserWithOrg();
    const fresh = uniqueEmail("fresh");
    const now = new Date();
    const known = await signUp({ input: { name: "Mallory", email: user.email, password: "mallory-password" }, ip: uniqueIp(), now });
    const unknown = await signUp({ input: { name: "Mallory", email: fresh, password: "mallory-password" }, ip: uniqueIp(), now });
    expect(known).toEqual({ ok: true, data: { email: user.email, mailSent: true } });
    expect(unknown).toEqual({ ok: true, data: { email: fresh, mailSent: true } });
    expect(Object.keys(known.ok && known.data)).toEqual(Object.keys(unknown.ok && unknown.data));

    const warning = await mail.waitForMail({ to: user.email, subject: "Someone tried to sign up with your address" });
    expect(warning.text).not.toMatch(/verify-email/);
    expect(warning.text).toContain("http://localhost:3000/forgot-password");
    // The owner's account is untouched: same password hash, no second user, no token.
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(user.passwordHash);
    expect(await db.user.count({ where: { email: user.email } })).toBe(1);
    expect(await db.emailToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("signing up again for an unconfirmed address re-sends a link and never changes that account's password", async () => {
    const email = uniqueEmail("again");
    const ip = uniqueIp();
    await signUp({ input: { name: "First", email, password: "first-password" }, ip, now: new Date() });
    const before = await db.user.findUniqueOrThrow({ where: { email } });
    const again = await signUp({ input: { name: "Second", email, password: "second-password" }, ip, now: new Date() });
    expect(again).toEqual({ ok: true, data: { email, mailSent: true } });
    const after = await db.user.findUniqueOrThrow({ where: { email } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.name).toBe("First");
    // Only the newest link works.
    const tokens = await db.emailToken.findMany({ where: { userId: after.id }, orderBy: { createdAt: "asc" } });
    expect(tokens).toHaveLength(2);
    expect(tokens[0]!.usedAt).not.toBeNull();
    expect(tokens[1]!.usedAt).toBeNull();
  });

  it(`throttles sign-up per IP: SIGN_UPS_PER_IP (10) per ${MAIL_WINDOW_SECONDS / 60} minutes, then locked with a retry time, writing nothing`, async () => {
    // Read inside the test: env() is cached, and the suite points SMTP_URL at its catcher first.
    const SIGN_UPS_PER_IP = env().SIGN_UPS_PER_IP;
    expect(SIGN_UPS_PER_IP).toBe(10);
    const ip = uniqueIp();
    const now = new Date();
    for (let i = 0; i < SIGN_UPS_PER_IP; i++) {
      const r = await signUp({ input: { name: "Flood", email: uniqueEmail("flood"), password: "a-good-password" }, ip, now });
      expect(r.ok).toBe(true);
    }
    const email = uniqueEmail("flood-over");
    const refused = await signUp({ input: { name: "Flood", email, password: "a-good-password" }, ip, now });
    expect(refused).toMatchObject({ ok: false, error: { kind: "locked", message: expect.stringMatching(/Try again in 15 minutes/) } });
    if (!refused.ok && refused.error.kind === "locked") expect(refused.error.retryAfter).toBe(MAIL_WINDOW_SECONDS);
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await mail.mailsTo(email)).toHaveLength(0);
    // Another IP is not affected.
    expect((await signUp({ input: { name: "Other", email: uniqueEmail(), password: "a-good-password" }, ip: uniqueIp(), now })).ok).toBe(
      true,
    );
    // The window slides: after it, the IP may sign up again.
    const later = new Date(now.getTime() + MAIL_WINDOW_SECONDS * 1000 + 1000);
    expect((await signUp({ input: { name: "Later", email: uniqueEmail(), password: "a-good-password" }, ip, now: later })).ok).toBe(true);
  });
});

describe("forgot password does not tell whether an address has an account", () => {
  it("answers an unknown address exactly like a known one, and mails only the known one", async () => {
    const { user } = await createUserWithOrg();
    const unknownEmail = uniqueEmail("nobody");
    const now = new Date();
    const known = await requestPasswordReset({ input: { email: user.email }, ip: uniqueIp(), now });
    const unknown = await requestPasswordReset({ input: { email: unknownEmail }, ip: uniqueIp(), now });
    expect(known).toEqual({ ok: true, data: { email: user.email } });
    expect(unknown).toEqual({ ok: true, data: { email: unknownEmail } });
    await mail.waitForMail({ to: user.email, subject: "Reset your tiergate password" });
    expect(await mail.mailsTo(unknownEmail)).toHaveLength(0);
    expect(await db.emailToken.count({ where: { userId: user.id, purpose: "reset_password" } })).toBe(1);
  });

  it(`throttles per address (${RESETS_PER_EMAIL} per window) alike for known and unknown addresses, with a retry time`, async () => {
    const { user } = await createUserWithOrg();
    const unknownEmail = uniqueEmail("nobody");
    const now = new Date();
    const answers: unknown[] = [];
    for (const email of [user.email, unknownEmail]) {
      for (let i = 0; i < RESETS_PER_EMAIL; i++)
        expect((await requestPasswordReset({ input: { email }, ip: uniqueIp(), now })).ok).toBe(true);
      const refused = await requestPasswordReset({ input: { email }, ip: uniqueIp(), now });
      expect(refused).toMatchObject({ ok: false, error: { kind: "locked", retryAfter: MAIL_WINDOW_SECONDS } });
      answers.push(refused);
    }
    expect(answers[0]).toEqual(answers[1]);
    // Three reset links were issued for the known account, not four.
    expect(await db.emailToken.count({ where: { userId: user.id, purpose: "reset_password" } })).toBe(RESETS_PER_EMAIL);
  });

  it(`throttles per IP (${RESETS_PER_IP} per window) across addresses`, async () => {
    const ip = uniqueIp();
    const now = new Date();
    for (let i = 0; i < RESETS_PER_IP; i++)
      expect((await requestPasswordReset({ input: { email: uniqueEmail() }, ip, now })).ok).toBe(true);
    expect(await requestPasswordReset({ input: { email: uniqueEmail() }, ip, now })).toMatchObject({
      ok: false,
      error: { kind: "locked", retryAfter: MAIL_WINDOW_SECONDS },
    });
  });

  it.each([
    ["no body", undefined],
    ["a string", "someone@example.com"],
    ["a malformed address", { email: "not-an-address" }],
    ["an oversized address", { email: `${"a".repeat(300)}@example.com` }],
    ["an array", [{ email: "a@b.c" }]],
  ])("refuses %s with a clear message and writes nothing", async (_label, input) => {
    const ip = uniqueIp();
    const result = await requestPasswordReset({ input, ip, now: new Date() });
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid" } });
    if (!result.ok && result.error.kind === "invalid") expect(Object.keys(result.error.fields).length).toBeGreaterThan(0);
    // Refused before the throttle: not even an attempt was counted.
    expect(await db.signInAttempt.count({ where: { key: `reset-ip:${ip}` } })).toBe(0);
  });
});
