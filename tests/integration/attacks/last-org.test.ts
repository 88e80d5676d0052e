// The last organisation remembered (User.lastOrgId): switching org remembers it, a fresh
// session lands there — but only while the membership lasts, and only an org the person
// belongs to can ever be remembered.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { openSession } from "@/lib/auth/sessions";
import { switchOrganization } from "@/lib/orgs/switch-organization";
import { acceptInvite } from "@/lib/admin/accept-invite";
import { hashToken } from "@/lib/crypto/hash-token";
import { createUserWithOrg } from "@/tests/helpers/factories";

const browser = { ip: "203.0.113.7", userAgent: "vitest" };

/** A person with a personal org who is also a member of a team org, signed in (in the personal org). */
async function memberOfTwo() {
  const { user, org: personal } = await createUserWithOrg();
  const team = await db.organization.create({
    data: {
      name: "Team Co",
      slug: `team-${crypto.randomUUID()}`,
      personal: false,
      memberships: { create: { userId: user.id, role: "member" } },
    },
  });
  const session = await openSession({ userId: user.id, ...browser });
  return { user, personal, team, session };
}

const lastOrgOf = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId } })).lastOrgId;

describe("the last organisation is remembered", () => {
  it("a member of several orgs signs in to the one they last switched to, not their personal workspace", async () => {
    const { user, personal, team, session } = await memberOfTwo();
    expect(session.currentOrgId).toBe(personal.id);
    expect(await switchOrganization({ sessionId: session.id, userId: user.id, orgId: team.id })).toEqual({
      ok: true,
      data: { orgId: team.id },
    });
    expect(await lastOrgOf(user.id)).toBe(team.id);
    expect((await openSession({ userId: user.id, ...browser })).currentOrgId).toBe(team.id);
    // Switching back to the personal org is remembered too.
    await switchOrganization({ sessionId: session.id, userId: user.id, orgId: personal.id });
    expect((await openSession({ userId: user.id, ...browser })).currentOrgId).toBe(personal.id);
  });

  it("an SSO sign-in still lands in its connection's org, whatever was remembered", async () => {
    const { user, personal, team, session } = await memberOfTwo();
    await switchOrganization({ sessionId: session.id, userId: user.id, orgId: team.id });
    expect((await openSession({ userId: user.id, ...browser, orgId: personal.id })).currentOrgId).toBe(personal.id);
  });
});

describe("attack: a removed membership's org restored by the remembered id", () => {
  it("after removal the next sign-in lands in the personal org, not the org that removed them", async () => {
    const { user, personal, team, session } = await memberOfTwo();
    await switchOrganization({ sessionId: session.id, userId: user.id, orgId: team.id });
    await db.membership.delete({ where: { orgId_userId: { orgId: team.id, userId: user.id } } });
    // The remembered id is still there: it is the sign-in's membership check that refuses it.
    expect(await lastOrgOf(user.id)).toBe(team.id);
    expect((await openSession({ userId: user.id, ...browser })).currentOrgId).toBe(personal.id);
  });

  it("an org that was deleted is forgotten (ON DELETE SET NULL) and the sign-in lands in the personal org", async () => {
    const { user, personal, team, session } = await memberOfTwo();
    await switchOrganization({ sessionId: session.id, userId: user.id, orgId: team.id });
    await db.organization.delete({ where: { id: team.id } });
    expect(await lastOrgOf(user.id)).toBeNull();
    expect((await openSession({ userId: user.id, ...browser })).currentOrgId).toBe(personal.id);
  });
});

describe("attack: another user's org id set as the remembered org", () => {
  it("switching to an org the person is not a member of is refused and remembers nothing", async () => {
    const { user, personal, session } = await memberOfTwo();
    const stranger = await createUserWithOrg({ plan: "enterprise" });
    const result = await switchOrganization({ sessionId: session.id, userId: user.id, orgId: stranger.org.id });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: "invalid", fields: { orgId: "That organisation does not exist." } }),
    });
    expect(await lastOrgOf(user.id)).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).currentOrgId).toBe(personal.id);
    expect((await openSession({ userId: user.id, ...browser })).currentOrgId).toBe(personal.id);
  });

  it("a remembered id written behind the app's back (another user's org) is still not where the sign-in lands", async () => {
    const { user, personal } = await memberOfTwo();
    const stranger = await createUserWithOrg();
    await db.user.update({ where: { id: user.id }, data: { lastOrgId: stranger.org.id } });
    expect((await openSession({ userId: user.id, ...browser })).currentOrgId).toBe(personal.id);
  });
});

describe("attack: malformed org ids", () => {
  for (const [name, orgId] of [
    ["not a uuid", "enterprise-co"],
    ["SQL in the id", "' OR 1=1 --"],
    ["an object", { id: "00000000-0000-4000-8000-000000000000" }],
    ["an array", ["00000000-0000-4000-8000-000000000000"]],
    ["null", null],
    ["a number", 42],
    ["an empty string", ""],
  ] as const) {
    it(`${name}: refused as invalid, nothing remembered, the session unchanged`, async () => {
      const { user, personal, team, session } = await memberOfTwo();
      await switchOrganization({ sessionId: session.id, userId: user.id, orgId: team.id });
      const result = await switchOrganization({ sessionId: session.id, userId: user.id, orgId });
      expect(result).toMatchObject({ ok: false, error: { kind: "invalid" } });
      expect(await lastOrgOf(user.id)).toBe(team.id);
      expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).currentOrgId).toBe(team.id);
      expect(personal.id).not.toBe(team.id);
    });
  }
});

describe("accepting an invitation remembers the org joined", () => {
  it("the invitee's next sign-in lands in the org they joined", async () => {
    const { user, org: personal } = await createUserWithOrg();
    const inviter = await createUserWithOrg({ plan: "enterprise" });
    const token = crypto.randomBytes(32).toString("base64url");
    await db.invite.create({
      data: {
        orgId: inviter.org.id,
        email: user.email,
        role: "member",
        tokenHash: hashToken(token),
        createdByUserId: inviter.user.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const session = await openSession({ userId: user.id, ...browser });
    expect(session.currentOrgId).toBe(personal.id);
    const accepted = await acceptInvite({ token, userId: user.id, email: user.email, sessionId: session.id, now: new Date() });
    expect(accepted).toMatchObject({ ok: true });
    expect(await lastOrgOf(user.id)).toBe(inviter.org.id);
    expect((await openSession({ userId: user.id, ...browser })).currentOrgId).toBe(inviter.org.id);
  });
});
