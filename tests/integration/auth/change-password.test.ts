import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { changePassword } from "@/lib/auth/change-password";
import { verifyPassword } from "@/lib/auth/password";
import { loadSession } from "@/lib/auth/load-session";
import { createGrant, createSession, createUserWithOrg, TEST_PASSWORD } from "@/tests/helpers/factories";

describe("changePassword", () => {
  it("needs the current password; on success signs out other sessions and kills every grant", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const here = await createSession({ userId: user.id, orgId: org.id });
    const elsewhere = await createSession({ userId: user.id, orgId: org.id });
    const g1 = await createGrant({ sessionId: here.id, userId: user.id, orgId: org.id });
    const g2 = await createGrant({ sessionId: elsewhere.id, userId: user.id, orgId: org.id });

    const wrong = await changePassword({
      userId: user.id,
      sessionId: here.id,
      ip: "10.9.0.1",
      input: { currentPassword: "nope", newPassword: "a-brand-new-password" },
    });
    expect(!wrong.ok && wrong.error.kind === "invalid" && wrong.error.fields.currentPassword).toMatch(/not your current password/);
    expect(await loadSession(elsewhere.id)).not.toBeNull();

    const result = await changePassword({
      userId: user.id,
      sessionId: here.id,
      ip: "10.9.0.1",
      input: { currentPassword: TEST_PASSWORD, newPassword: "a-brand-new-password" },
    });
    expect(result).toEqual({ ok: true, data: { sessionsSignedOut: 1, grantsRevoked: 2 } });
    expect(await loadSession(here.id)).not.toBeNull();
    expect(await loadSession(elsewhere.id)).toBeNull();
    for (const g of [g1, g2])
      expect((await db.stepUpGrant.findUniqueOrThrow({ where: { id: g.id } })).revokedReason).toBe("password_changed");
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(after.passwordHash, "a-brand-new-password")).toBe(true);
  });

  it("refuses weak, identical or oversized new passwords and changes nothing", async () => {
    const { user } = await createUserWithOrg();
    const session = await createSession({ userId: user.id });
    const before = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    for (const newPassword of ["short", TEST_PASSWORD, "x".repeat(10 * 1024 * 1024)]) {
      const r = await changePassword({
        userId: user.id,
        sessionId: session.id,
        ip: "10.9.0.2",
        input: { currentPassword: TEST_PASSWORD, newPassword },
      });
      expect(!r.ok && r.error.kind).toBe("invalid");
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(before);
  });
});
