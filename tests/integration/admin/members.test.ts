// Roles and removal: admins manage members and admins, only owners touch owners, the last
// owner can be neither demoted nor removed (even by two concurrent demotions), and every
// refusal writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { entry, loadEntryPoints, orgWithOwner } from "./helpers";

beforeAll(loadEntryPoints);
const changeRole = () => entry("action:members.changeRole:setMemberRole");
const remove = () => entry("action:members.remove:removeOrgMember");
const roleOf = async (orgId: string, userId: string) =>
  (await db.membership.findUnique({ where: { orgId_userId: { orgId, userId } }, select: { role: true } }))?.role ?? null;

describe("change role", () => {
  it("an admin promotes a member to admin (honoured from the entry grant, no new step-up) and it is audited", async () => {
    const { org, join } = await orgWithOwner();
    const admin = await join("admin");
    const member = await join("member", { verified: false });
    const result = await changeRole()(admin.ctx, { userId: member.userId, role: "admin" });
    expect(result).toEqual({ ok: true, data: { from: "member", to: "admin", changed: true } });
    expect(await roleOf(org.id, member.userId)).toBe("admin");
    const audit = await db.auditEvent.findFirst({ where: { orgId: org.id, action: "members.changeRole", decision: "allowed" } });
    expect(audit?.actorEmail).toBe(admin.email);
    expect(audit?.method).toBe("passkey"); // the method of the grant that allowed it
  });

  it("an admin cannot make anyone an owner, nor change an owner", async () => {
    const { org, owner, join } = await orgWithOwner();
    const admin = await join("admin");
    const member = await join("member", { verified: false });
    expect(await changeRole()(admin.ctx, { userId: member.userId, role: "owner" })).toMatchObject({
      ok: false,
      error: { kind: "forbidden" },
    });
    expect(await changeRole()(admin.ctx, { userId: admin.userId, role: "owner" })).toMatchObject({
      ok: false,
      error: { kind: "forbidden" },
    });
    expect(await changeRole()(admin.ctx, { userId: owner.userId, role: "member" })).toMatchObject({
      ok: false,
      error: { kind: "forbidden" },
    });
    expect(await roleOf(org.id, member.userId)).toBe("member");
    expect(await roleOf(org.id, admin.userId)).toBe("admin");
    expect(await roleOf(org.id, owner.userId)).toBe("owner");
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "members.changeRole", decision: "allowed" } })).toBe(0);
  });

  it("the last owner cannot demote themselves; with a second owner they can", async () => {
    const { org, owner, join } = await orgWithOwner();
    const last = await changeRole()(owner.ctx, { userId: owner.userId, role: "admin" });
    expect(last).toMatchObject({ ok: false, error: { kind: "forbidden", message: expect.stringContaining("at least one owner") } });
    expect(await roleOf(org.id, owner.userId)).toBe("owner");

    const second = await join("admin", { verified: false });
    expect((await changeRole()(owner.ctx, { userId: second.userId, role: "owner" })).ok).toBe(true);
    expect((await changeRole()(owner.ctx, { userId: owner.userId, role: "admin" })).ok).toBe(true);
    expect(await roleOf(org.id, owner.userId)).toBe("admin");
    expect(await roleOf(org.id, second.userId)).toBe("owner");
  });

  it("two owners demoting each other at the same time leave exactly one owner", async () => {
    for (let round = 0; round < 3; round++) {
      const { org, owner, join } = await orgWithOwner();
      const other = await join("owner");
      const [a, b] = await Promise.all([
        changeRole()(owner.ctx, { userId: other.userId, role: "member" }),
        changeRole()(other.ctx, { userId: owner.userId, role: "member" }),
      ]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      expect(await db.membership.count({ where: { orgId: org.id, role: "owner" } })).toBe(1);
    }
  });

  it("a non-member target and a malformed id are invalid", async () => {
    const { owner } = await orgWithOwner();
    const stranger = await orgWithOwner({ verified: false });
    expect(await changeRole()(owner.ctx, { userId: stranger.owner.userId, role: "member" })).toMatchObject({
      ok: false,
      error: { kind: "invalid" },
    });
    expect(await changeRole()(owner.ctx, { userId: '1; DROP TABLE "Membership"', role: "member" })).toMatchObject({
      ok: false,
      error: { kind: "invalid" },
    });
    expect(await changeRole()(owner.ctx, { userId: owner.userId, role: "superuser" })).toMatchObject({
      ok: false,
      error: { kind: "invalid" },
    });
    expect(await roleOf(stranger.org.id, stranger.owner.userId)).toBe("owner");
  });
});

describe("remove member", () => {
  it("removes a member and revokes their grants for this org", async () => {
    const { org, join } = await orgWithOwner();
    const admin = await join("admin");
    const member = await join("member");
    expect(await db.stepUpGrant.count({ where: { userId: member.userId, orgId: org.id, revokedAt: null } })).toBe(1);
    const result = await remove()(admin.ctx, { userId: member.userId });
    expect(result).toEqual({ ok: true, data: { role: "member", grantsRevoked: 1 } });
    expect(await roleOf(org.id, member.userId)).toBeNull();
    const grant = await db.stepUpGrant.findFirstOrThrow({ where: { userId: member.userId, orgId: org.id } });
    expect(grant.revokedReason).toBe("user_removed");
  });

  it("the last owner cannot be removed; an admin cannot remove an owner; nothing is written", async () => {
    const { org, owner, join } = await orgWithOwner();
    const admin = await join("admin");
    expect(await remove()(owner.ctx, { userId: owner.userId })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await remove()(admin.ctx, { userId: owner.userId })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await roleOf(org.id, owner.userId)).toBe("owner");
    expect(await db.stepUpGrant.count({ where: { userId: owner.userId, orgId: org.id, revokedAt: { not: null } } })).toBe(0);
  });

  it("a member without the admin role is forbidden", async () => {
    const { org, join } = await orgWithOwner();
    const member = await join("member");
    const other = await join("member", { verified: false });
    expect(await remove()(member.ctx, { userId: other.userId })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await roleOf(org.id, other.userId)).toBe("member");
  });
});
