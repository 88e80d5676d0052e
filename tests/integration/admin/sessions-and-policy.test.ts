// Member sessions (revoke another member's session, never another org's) and the security
// policy (only tightenings of known actions are saved; anything else writes nothing).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getLicense } from "@/lib/licensing/get-license";
import { stepUpRequirement } from "@/lib/licensing/policy";
import { listMemberSessions } from "@/lib/admin/list-member-sessions";
import { sessionCutoffs } from "@/lib/auth/session-lifetime";
import { createSession } from "@/tests/helpers/factories";
import { entry, loadEntryPoints, orgWithOwner } from "./helpers";

beforeAll(loadEntryPoints);
const revokeSession = () => entry("action:sessions.revokeMember:endMemberSession");
const updatePolicy = () => entry("action:security.updatePolicy:saveSecurityPolicy");

describe("member sessions", () => {
  it("lists every live session of every member and revokes one with its grants", async () => {
    const { org, owner, join } = await orgWithOwner();
    const member = await join("member");
    const listed = await listMemberSessions({ orgId: org.id, now: new Date() });
    expect(listed.map((s) => s.id).sort()).toEqual([owner.sid, member.sid].sort());

    expect(await revokeSession()(owner.ctx, { sessionId: member.sid })).toEqual({ ok: true, data: { revoked: true } });
    const row = await db.session.findUniqueOrThrow({ where: { id: member.sid } });
    expect(row.revokedReason).toBe("revoked_by_admin");
    expect(await db.stepUpGrant.count({ where: { sessionId: member.sid, revokedAt: null } })).toBe(0);
    expect((await listMemberSessions({ orgId: org.id, now: new Date() })).map((s) => s.id)).toEqual([owner.sid]);
  });

  it("a session past its idle or absolute limit is not listed as signed in", async () => {
    const { org, owner, join } = await orgWithOwner();
    const idle = await join("member");
    const old = await join("member");
    const { createdAfter, lastSeenAfter } = sessionCutoffs(new Date());
    await db.session.update({ where: { id: idle.sid }, data: { lastSeenAt: new Date(lastSeenAfter.getTime() - 1000) } });
    await db.session.update({ where: { id: old.sid }, data: { createdAt: new Date(createdAfter.getTime() - 1000) } });
    const listed = await listMemberSessions({ orgId: org.id, now: new Date() });
    expect(listed.map((s) => s.id)).toEqual([owner.sid]);
  });

  it("another org's session is 'not found' and stays live; an admin cannot sign out an owner", async () => {
    const { owner, join } = await orgWithOwner();
    const admin = await join("admin");
    const elsewhere = await orgWithOwner({ verified: false });
    const foreign = await createSession({ userId: elsewhere.owner.userId });
    expect(await revokeSession()(owner.ctx, { sessionId: foreign.id })).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(await revokeSession()(admin.ctx, { sessionId: owner.sid })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect((await db.session.findUniqueOrThrow({ where: { id: foreign.id } })).revokedAt).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: owner.sid } })).revokedAt).toBeNull();
  });
});

describe("security policy", () => {
  it("saves a tightening in the shape getLicense reads, and it applies at once", async () => {
    const { org, owner } = await orgWithOwner();
    const result = await updatePolicy()(owner.ctx, { overrides: { "exports.csv": "once", "apiKeys.create": "default" } });
    expect(result).toMatchObject({ ok: true, data: { overrides: { "exports.csv": "once" }, changed: ["exports.csv"] } });
    expect((await db.orgSecurityPolicy.findUniqueOrThrow({ where: { orgId: org.id } })).overrides).toEqual({ "exports.csv": "once" });
    const license = await getLicense({ orgId: org.id });
    expect(stepUpRequirement("exports.csv", license.plan, license.stepUpOverrides)).toMatchObject({ level: "once", maxAge: 0 });
  });

  it("refuses a loosening, an untightenable action and an unknown id with field messages, writing nothing", async () => {
    const { org, owner } = await orgWithOwner();
    const loosen = await updatePolicy()(owner.ctx, { overrides: { "exports.csv": "lax", "exports.bulk": "once" } });
    expect(loosen).toMatchObject({ ok: false, error: { kind: "invalid", fields: { "exports.csv": expect.stringContaining("looser") } } });
    const fixed = await updatePolicy()(owner.ctx, { overrides: { "security.updatePolicy": "once" } });
    expect(fixed).toMatchObject({ ok: false, error: { kind: "invalid", fields: { "security.updatePolicy": expect.any(String) } } });
    const unknown = await updatePolicy()(owner.ctx, { overrides: { "billing.everything": "strict" } });
    expect(unknown).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(JSON.stringify(unknown)).toContain("billing.everything");
    const badPreset = await updatePolicy()(owner.ctx, { overrides: { "exports.csv": "never" } });
    expect(badPreset).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(await db.orgSecurityPolicy.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("is for owners only: an admin is forbidden", async () => {
    const { org, join } = await orgWithOwner();
    const admin = await join("admin");
    expect(await updatePolicy()(admin.ctx, { overrides: { "exports.csv": "once" } })).toMatchObject({
      ok: false,
      error: { kind: "forbidden" },
    });
    expect(await db.orgSecurityPolicy.count({ where: { orgId: org.id } })).toBe(0);
  });
});
