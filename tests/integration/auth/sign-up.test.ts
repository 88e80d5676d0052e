import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signUp } from "@/lib/auth/sign-up";
import { uniqueEmail } from "@/tests/helpers/factories";

const countUsers = () => db.user.count();

describe("signUp", () => {
  it("creates the user, a personal org and the owner membership", async () => {
    const email = uniqueEmail("new");
    const result = await signUp({ name: "  Ada  ", email: email.toUpperCase(), password: "a-good-password" });
    expect(result.ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: { include: { org: true } } } });
    expect(user.name).toBe("Ada");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.memberships).toHaveLength(1);
    expect(user.memberships[0]).toMatchObject({ role: "owner", org: { personal: true, name: "Ada's workspace" } });
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
    const result = await signUp(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("invalid");
    if (result.error.kind !== "invalid") return;
    expect(Object.keys(result.error.fields)).toContain(field);
    expect(await countUsers()).toBe(before);
  });

  it("refuses a duplicate email, even when two sign-ups race", async () => {
    const email = uniqueEmail("dup");
    const input = { name: "Dup", email, password: "a-good-password" };
    const results = await Promise.all([signUp(input), signUp(input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused?.ok === false && refused.error.kind === "invalid" && refused.error.fields.email).toMatch(/already exists/);
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.organization.count({ where: { memberships: { some: { user: { email } } } } })).toBe(1);
  });
});
