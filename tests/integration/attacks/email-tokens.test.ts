// Attacks on the mailed links: a replayed link, an expired one, one from another account,
// an older reset link after a newer one was sent, a link of the other kind, and malformed
// bodies. Each is refused with a clear message and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signUp } from "@/lib/auth/sign-up";
import { verifyEmail } from "@/lib/auth/verify-email";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { resetPassword } from "@/lib/auth/reset-password";
import { createUserWithOrg, uniqueEmail } from "@/tests/helpers/factories";
import { startMailCatcher, tokenIn, type MailCatcher } from "@/tests/helpers/mail-catcher";

let mail: MailCatcher;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(() => mail.close());

const HOUR = 3600_000;

async function unverifiedUser() {
  const email = uniqueEmail("unverified");
  await signUp({ input: { name: "Una", email, password: "una-password-1" }, ip: null, now: new Date() });
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const token = tokenIn(await mail.waitForMail({ to: email, subject: /Confirm your email/ }), "/verify-email/");
  return { user, token };
}

async function resetLink(email: string, now = new Date()) {
  const before = mail.mails.length;
  await requestPasswordReset({ input: { email }, ip: null, now });
  const fresh = () => mail.mails.slice(before).find((m) => m.to.includes(email) && m.subject === "Reset your tiergate password");
  for (let i = 0; i < 400 && !fresh(); i++) await new Promise((r) => setTimeout(r, 25));
  const sent = fresh();
  if (!sent) throw new Error("no reset mail");
  return tokenIn(sent, "/reset-password/");
}

describe("verification links", () => {
  it("confirm once; a second use is refused", async () => {
    const { user, token } = await unverifiedUser();
    expect(await verifyEmail({ input: { token }, ctx: { userId: user.id }, now: new Date() })).toEqual({
      ok: true,
      data: { verified: true },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();
    const again = await verifyEmail({ input: { token }, ctx: { userId: user.id }, now: new Date() });
    expect(again).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringMatching(/already been used/) } });
  });

  it("are refused after 24 hours and leave the address unconfirmed", async () => {
    const { user, token } = await unverifiedUser();
    const later = new Date(Date.now() + 24 * HOUR + 1000);
    expect(await verifyEmail({ input: { token }, ctx: { userId: user.id }, now: later })).toMatchObject({
      ok: false,
      error: { kind: "invalid", message: expect.stringMatching(/expired/) },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
  });

  it("work only in the session of the account they were sent for (someone else's link is refused and stays usable)", async () => {
    const victim = await unverifiedUser();
    const attacker = await unverifiedUser();
    expect(await verifyEmail({ input: { token: victim.token }, ctx: { userId: attacker.user.id }, now: new Date() })).toMatchObject({
      ok: false,
      error: { kind: "invalid", message: expect.stringMatching(/another account/) },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: attacker.user.id } })).emailVerifiedAt).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: victim.user.id } })).emailVerifiedAt).toBeNull();
    const audit = await db.auditEvent.findFirst({ where: { actorUserId: attacker.user.id, action: "auth.verify_email" } });
    expect(audit).toMatchObject({ decision: "refused", detail: { reason: "other_user" } });
    // The owner can still use it.
    expect((await verifyEmail({ input: { token: victim.token }, ctx: { userId: victim.user.id }, now: new Date() })).ok).toBe(true);
  });

  it("a reset link is not a verification link", async () => {
    const { user } = await unverifiedUser();
    const reset = await resetLink(user.email);
    expect(await verifyEmail({ input: { token: reset }, ctx: { userId: user.id }, now: new Date() })).toMatchObject({
      ok: false,
      error: { kind: "invalid", message: expect.stringMatching(/not valid/) },
    });
  });

  it.each([
    ["no body", undefined],
    ["a short token", { token: "abc" }],
    ["SQL", { token: "' OR 1=1 --" }],
    ["a number", { token: 42 }],
  ])("refuse %s", async (_label, input) => {
    const { user } = await unverifiedUser();
    expect(await verifyEmail({ input, ctx: { userId: user.id }, now: new Date() })).toMatchObject({
      ok: false,
      error: { kind: "invalid", fields: { token: expect.any(String) } },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
  });
});

describe("reset links", () => {
  it("work once: a replay is refused and the password stays the one set first", async () => {
    const { user } = await createUserWithOrg();
    const token = await resetLink(user.email);
    expect((await resetPassword({ input: { token, password: "first-new-password" }, now: new Date() })).ok).toBe(true);
    const hash = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const replay = await resetPassword({ input: { token, password: "second-new-password" }, now: new Date() });
    expect(replay).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringMatching(/already been used/) } });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(hash);
  });

  it("two racing uses of one link: exactly one wins", async () => {
    const { user } = await createUserWithOrg();
    const token = await resetLink(user.email);
    const results = await Promise.all([
      resetPassword({ input: { token, password: "racer-one-password" }, now: new Date() }),
      resetPassword({ input: { token, password: "racer-two-password" }, now: new Date() }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("expire after 30 minutes", async () => {
    const { user } = await createUserWithOrg();
    const issued = new Date();
    const token = await resetLink(user.email, issued);
    const row = await db.emailToken.findFirstOrThrow({ where: { userId: user.id, purpose: "reset_password" } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(30 * 60 * 1000);
    const late = new Date(issued.getTime() + 30 * 60 * 1000 + 1);
    expect(await resetPassword({ input: { token, password: "too-late-password" }, now: late })).toMatchObject({
      ok: false,
      error: { kind: "invalid", message: expect.stringMatching(/expired/) },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });

  it("an older link dies when a newer one is sent", async () => {
    const { user } = await createUserWithOrg();
    const older = await resetLink(user.email);
    const newer = await resetLink(user.email);
    expect(await resetPassword({ input: { token: older, password: "older-link-password" }, now: new Date() })).toMatchObject({
      ok: false,
      error: { kind: "invalid", message: expect.stringMatching(/newer one was sent/) },
    });
    expect((await resetPassword({ input: { token: newer, password: "newer-link-password" }, now: new Date() })).ok).toBe(true);
  });

  it("a verification link is not a reset link", async () => {
    const { user, token } = await unverifiedUser();
    expect(await resetPassword({ input: { token, password: "hijack-password" }, now: new Date() })).toMatchObject({
      ok: false,
      error: { kind: "invalid" },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });

  it.each([
    ["no body", undefined],
    ["no token", { password: "a-good-password" }],
    ["a bad token", { token: "nope", password: "a-good-password" }],
    ["a short password", { token: "A".repeat(43), password: "short" }],
    ["a 10 MB password", { token: "A".repeat(43), password: "x".repeat(10 * 1024 * 1024) }],
  ])("refuse %s with a field message", async (_label, input) => {
    const result = await resetPassword({ input, now: new Date() });
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid" } });
    if (!result.ok && result.error.kind === "invalid") expect(Object.keys(result.error.fields).length).toBeGreaterThan(0);
  });

  it("a well-formed token nobody was sent is refused before any password is hashed", async () => {
    const result = await resetPassword({ input: { token: "A".repeat(43), password: "a-good-password" }, now: new Date() });
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringMatching(/not valid/) } });
  });
});
