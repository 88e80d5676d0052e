// Taking an invited seat with an address one does not own: sign up with the invited address
// (no mailbox needed) and accept. Refused until the address is confirmed; nothing but the
// refusal's audit row is written; once confirmed, the same person accepts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { acceptInvite } from "@/lib/admin/accept-invite";
import { deliverInvite } from "@/lib/admin/invite-mailer";
import { signUp } from "@/lib/auth/sign-up";
import { verifyEmail } from "@/lib/auth/verify-email";
import { createSession, uniqueEmail } from "@/tests/helpers/factories";
import { startMailCatcher, tokenIn, type MailCatcher } from "@/tests/helpers/mail-catcher";
import { entry, loadEntryPoints, orgWithOwner } from "@/tests/integration/admin/helpers";

let mail: MailCatcher;
beforeAll(async () => {
  mail = await startMailCatcher();
  await loadEntryPoints();
});
afterAll(() => mail.close());

describe("an unconfirmed account and an invitation", () => {
  it("cannot accept it, and can once the address is confirmed", async () => {
    const { org, owner } = await orgWithOwner();
    const email = uniqueEmail("invited");
    const created = await entry("action:members.invite:inviteMember")(owner.ctx, { email, role: "member" });
    expect(created.ok).toBe(true);
    const url = (created as { data: { url: string } }).data.url;
    const token = url.split("/invite/")[1]!;
    // The console action mails it after commit (its `after`); the mailer on its own here.
    await deliverInvite({ inviteId: "i", orgName: org.name, email, role: "member", url, expiresAt: new Date(Date.now() + 86400_000) });
    const invitation = await mail.waitForMail({ to: email, subject: `You are invited to join ${org.name} on tiergate` });
    expect(invitation.text).toContain(url);
    expect(invitation.html).toContain(`Join ${org.name}`);

    await signUp({ input: { name: "Squatter", email, password: "squatter-password" }, ip: null, now: new Date() });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const session = await createSession({ userId: user.id });

    const refused = await acceptInvite({ token, userId: user.id, email, sessionId: session.id, now: new Date() });
    expect(refused).toMatchObject({ ok: false, reason: "unverified", message: expect.stringMatching(/Confirm your email address first/) });
    expect(await db.membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: user.id } } })).toBeNull();
    expect((await db.invite.findFirstOrThrow({ where: { orgId: org.id, email } })).acceptedAt).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).currentOrgId).toBeNull();
    expect(
      await db.auditEvent.findFirst({ where: { orgId: org.id, actorUserId: user.id, action: "members.invite_accepted" } }),
    ).toMatchObject({
      decision: "refused",
      detail: { reason: "unverified" },
    });

    const verifyToken = tokenIn(await mail.waitForMail({ to: email, subject: /Confirm your email/ }), "/verify-email/");
    expect((await verifyEmail({ input: { token: verifyToken }, ctx: { userId: user.id }, now: new Date() })).ok).toBe(true);
    expect(await acceptInvite({ token, userId: user.id, email, sessionId: session.id, now: new Date() })).toMatchObject({
      ok: true,
      orgId: org.id,
    });
  });
});
