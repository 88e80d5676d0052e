import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signUp } from "@/lib/auth/sign-up";
import { uniqueEmail } from "@/tests/helpers/factories";
import { startMailCatcher, type MailCatcher } from "@/tests/helpers/mail-catcher";

const countUsers = () => db.user.count();
let mail: MailCatcher;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(() => mail.close());

const run = (input: unknown) => signUp({ input, ip: null, now: new Date() });

describe("signUp", () => {
  it("creates the user (unconfirmed), a personal org and the owner membership, and mails a verification link", async () => {
    const email = uniqueEmail("new");
    const result = await run({ name: "  Ada  ", email: email.toUpperCase(), password: "a-good-password" });
    expect(result).toEqual({ ok: true, data: { email, mailSent: true } });
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: { include: { org: true } } } });
    expect(user.name).toBe("Ada");
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.memberships).toHaveLength(1);
    expect(user.memberships[0]).toMatchObject({ role: "owner", org: { personal: true, name: "Ada's workspace" } });
    const sent = await mail.waitForMail({ to: email, subject: "Confirm your email address for tiergate" });
    expect(sent.text).toMatch(/^Hi Ada,/);
    expect(sent.text).toMatch(/http:\/\/localhost:3000\/verify-email\/[A-Za-z0-9_-]{43}/);
    expect(sent.html).toContain("Confirm my address");
    // Only the hash is stored, with a 24 h lifetime.
    const token = await db.emailToken.findFirstOrThrow({ where: { userId: user.id, purpose: "verify_email" } });
    expect(sent.text).not.toContain(token.tokenHash);
    expect(token.expiresAt.getTime() - token.createdAt.getTime()).toBe(24 * 60 * 60 * 1000);
  });

  it.each([
    ["a malformed email", { name: "A", email: "nope", password: "a-good-password" }, "email"],
    ["an empty password", { name: "A", email: uniqueEmail(), password: "" }, "password"],
    ["a 10 MB password", { name: "A", email: uniqueEmail(), password: "x".repeat(10 * 1024 * 1024) }, "password"],
    ["a short password", { name: "A", email: uniqueEmail(), password: "short" }, "password"],
    ["no name", { name: " ", email: uniqueEmail(), password: "a-good-password" }, "name"],
    ["a non-object", "hello", "form"],
  ])("refuses %s with a field message and writes nothing", async (_label, input, field) => {
    const before = await countUsers();
    const result = await run(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("invalid");
    if (result.error.kind !== "invalid") return;
    expect(Object.keys(result.error.fields)).toContain(field);
    expect(await countUsers()).toBe(before);
  });

  it("makes one account when two sign-ups for one address race, and answers both alike", async () => {
    const email = uniqueEmail("dup");
    const input = { name: "Dup", email, password: "a-good-password" };
    const results = await Promise.all([run(input), run(input)]);
    expect(results).toEqual([
      { ok: true, data: { email, mailSent: true } },
      { ok: true, data: { email, mailSent: true } },
    ]);
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.organization.count({ where: { memberships: { some: { user: { email } } } } })).toBe(1);
  });
});
