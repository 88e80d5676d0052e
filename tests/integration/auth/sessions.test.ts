import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { loadSession } from "@/lib/auth/load-session";
import { revokeSession } from "@/lib/auth/sessions";
import { switchOrganization } from "@/lib/orgs/switch-organization";
import { createTeamOrganization } from "@/lib/orgs/create-team-organization";
import { addMember, createSession, createUserWithOrg } from "@/tests/helpers/factories";

describe("sessions", () => {
  it("a revoked session is worthless, and its step-up grants die with it", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const session = await createSession({ userId: user.id, orgId: org.id });
    const grant = await db.stepUpGrant.create({
      data: {
        sessionId: session.id,
        userId: user.id,
        orgId: org.id,
        method: "passkey",
        strength: "phishing_resistant",
        level: "moderate",
        verifiedAt: new Date(),
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });
    expect(await loadSession(session.id)).not.toBeNull();
    expect(await revokeSession({ sessionId: session.id, userId: user.id, reason: "revoked_by_user" })).toBe(true);
    expect(await loadSession(session.id)).toBeNull();
    expect((await db.stepUpGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedAt).not.toBeNull();
  });

  it("a user cannot revoke someone else's session", async () => {
    const a = await createUserWithOrg();
    const b = await createUserWithOrg();
    const sessionOfB = await createSession({ userId: b.user.id });
    expect(await revokeSession({ sessionId: sessionOfB.id, userId: a.user.id, reason: "revoked_by_user" })).toBe(false);
    expect(await loadSession(sessionOfB.id)).not.toBeNull();
  });

  it("unknown and malformed sids are unauthenticated", async () => {
    expect(await loadSession("00000000-0000-0000-0000-000000000000")).toBeNull();
    expect(await loadSession('\'; drop table "User"; --')).toBeNull();
  });

  it("the current org is re-checked against membership on every load", async () => {
    const { user, org } = await createUserWithOrg();
    const other = await createUserWithOrg();
    await addMember({ orgId: other.org.id, role: "member", email: `m-${user.email}` }); // unrelated member
    const session = await createSession({ userId: user.id, orgId: other.org.id }); // not a member there
    const loaded = await loadSession(session.id);
    expect(loaded?.org.id).toBe(org.id);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).currentOrgId).toBe(org.id);
  });
});

describe("organisations", () => {
  it("switches only to orgs the user belongs to; unknown ids write nothing", async () => {
    const { user, org } = await createUserWithOrg();
    const stranger = await createUserWithOrg();
    const session = await createSession({ userId: user.id, orgId: org.id });
    for (const orgId of [stranger.org.id, "00000000-0000-0000-0000-000000000000", "not-a-uuid", 42, null]) {
      const result = await switchOrganization({ sessionId: session.id, userId: user.id, orgId });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.kind).toBe("invalid");
    }
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).currentOrgId).toBe(org.id);

    const created = await createTeamOrganization({ sessionId: session.id, userId: user.id, input: { name: "Side Project" } });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect((await loadSession(session.id))?.org).toMatchObject({ id: created.data.orgId, name: "Side Project", personal: false });
    expect((await switchOrganization({ sessionId: session.id, userId: user.id, orgId: org.id })).ok).toBe(true);
    expect((await loadSession(session.id))?.org.id).toBe(org.id);
  });

  it("refuses a blank or oversized org name", async () => {
    const { user, org } = await createUserWithOrg();
    const session = await createSession({ userId: user.id, orgId: org.id });
    const before = await db.organization.count();
    for (const name of ["", " ", "x".repeat(61)]) {
      const r = await createTeamOrganization({ sessionId: session.id, userId: user.id, input: { name } });
      expect(!r.ok && r.error.kind).toBe("invalid");
    }
    expect(await db.organization.count()).toBe(before);
  });
});
