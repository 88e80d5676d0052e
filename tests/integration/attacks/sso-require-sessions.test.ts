// Require SSO at sign-in: signing in through the org's IdP while the org requires it ends the
// person's other sessions looking at that org that did not come through it (a password
// session; an owner's break-glass session), with their grants, and the sign-in page of such a
// browser says why. Sessions looking at another org, and SSO sessions of the same connection,
// are left alone; so is everything when the org does not require SSO or its plan lost `sso`.
// Against the real OpenID provider (tests/helpers/oidc-idp.ts).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { redeemSsoTicket } from "@/lib/sso/redeem-sso-ticket";
import { endSessionsOutsideSso } from "@/lib/sso/end-sessions-outside-sso";
import { loadSessionState } from "@/lib/auth/load-session";
import { sessionEndMessage } from "@/lib/auth/session-lifetime";
import { startTestIdpForFile } from "@/tests/helpers/oidc-idp";
import { orgWithConnection, signInThroughIdp } from "@/tests/helpers/oidc-connection";
import { createGrant, createSession, createUserWithOrg } from "@/tests/helpers/factories";

const idp = startTestIdpForFile();

async function signIn(email: string) {
  const { outcome } = await signInThroughIdp({ email });
  if (!outcome.ok || outcome.kind !== "sign_in") throw new Error(outcome.ok ? outcome.kind : outcome.message);
  const signedIn = await redeemSsoTicket({ ticket: outcome.ticket, ip: "127.0.0.1", userAgent: "test" });
  if (!signedIn) throw new Error("ticket not redeemed");
  return signedIn;
}

/** A person of the org's domain with a password account (personal org) who joined through SSO once. */
async function person(requireSso: boolean) {
  const { org, connection, domain } = await orgWithConnection({ issuer: idp.current.issuer, requireSso });
  const email = `p-${crypto.randomUUID().slice(0, 6)}@${domain}`;
  const { user, org: personal } = await createUserWithOrg({ email });
  idp.current.addUser({ sub: `sub-${email}`, email, emailVerified: true, name: "Person", password: "idp-demo" });
  const first = await signIn(email);
  return { org, connection, email, user, personal, first };
}

const state = async (id: string) => db.session.findUniqueOrThrow({ where: { id }, select: { revokedAt: true, revokedReason: true } });

describe("attack: a password session left behind in an org that requires SSO", () => {
  it("ends when its person signs in through the org's IdP, with its grants; the personal org's session and SSO sessions stay", async () => {
    const { org, email, user, personal, first } = await person(true);
    const inOrg = await createSession({ userId: user.id, orgId: org.id });
    const grant = await createGrant({ sessionId: inOrg.id, userId: user.id, orgId: org.id });
    const elsewhere = await createSession({ userId: user.id, orgId: personal.id });

    const second = await signIn(email);

    expect(await state(inOrg.id)).toMatchObject({ revokedReason: "sso_required" });
    expect((await db.stepUpGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedReason).toBe("session_sso_required");
    expect((await state(elsewhere.id)).revokedAt).toBeNull();
    expect((await state(first.sid)).revokedAt).toBeNull(); // an SSO session of the same connection
    expect((await state(second.sid)).revokedAt).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, action: "sso.sessions_ended" } });
    expect(audit).toMatchObject({ actorUserId: user.id, decision: "revoked", detail: { sessionIds: [inOrg.id] } });
    // The browser holding it is told why on the sign-in page.
    expect(await loadSessionState(inOrg.id)).toEqual({ session: null, ended: "sso_required" });
    expect(sessionEndMessage("sso_required")).toMatch(/requires single sign-on/);
  });

  it("an SSO session of another org's connection, looking at this org, ends too", async () => {
    const { org, email, user } = await person(true);
    const other = await orgWithConnection({ issuer: idp.current.issuer });
    const viaOther = await createSession({ userId: user.id, orgId: org.id });
    await db.session.update({
      where: { id: viaOther.id },
      data: { ssoConnectionId: other.connection.id, ssoSubject: "s", ssoAuthTime: new Date() },
    });
    await signIn(email);
    expect(await state(viaOther.id)).toMatchObject({ revokedReason: "sso_required" });
  });

  it("nothing ends when the org does not require SSO", async () => {
    const { org, email, user } = await person(false);
    const inOrg = await createSession({ userId: user.id, orgId: org.id });
    await signIn(email);
    expect((await state(inOrg.id)).revokedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "sso.sessions_ended" } })).toBe(0);
  });

  it("nothing ends when the plan lost `sso` (the switch is inert), whatever the connection says", async () => {
    const { org, connection, user } = await person(true);
    const inOrg = await createSession({ userId: user.id, orgId: org.id });
    await db.subscription.update({ where: { orgId: org.id }, data: { plan: "pro" } });
    const ended = await db.$transaction((tx) =>
      endSessionsOutsideSso({ tx, userId: user.id, keepSessionId: crypto.randomUUID(), connection, now: new Date() }),
    );
    expect(ended).toBe(0);
    expect((await state(inOrg.id)).revokedAt).toBeNull();
  });

  it("another person's sessions in the org are never touched", async () => {
    const { org, email } = await person(true);
    const { user: other } = await createUserWithOrg({});
    await db.membership.create({ data: { orgId: org.id, userId: other.id, role: "member" } });
    const theirs = await createSession({ userId: other.id, orgId: org.id });
    await signIn(email);
    expect((await state(theirs.id)).revokedAt).toBeNull();
  });
});
