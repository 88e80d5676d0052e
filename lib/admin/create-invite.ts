// Invite someone by email with a role. The link (with the token) is returned once to the
// caller (the action hands it to the mailer after commit, so a rolled-back invitation is
// never delivered); the database keeps only the token's hash, the log and
// audit trail only the invite id.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { invalid, type Refusal } from "@/lib/action-result";
import type { License } from "@/lib/licensing/get-license";
import { lockOrgLimit } from "@/lib/orgs/lock-org-limit";
import { mayActOn, ONLY_OWNERS_MESSAGE } from "@/lib/admin/member-rules";
import { INVITE_TTL_DAYS, newInviteToken } from "@/lib/admin/invite-token";
import type { InviteMemberInput } from "@/lib/admin/schemas";

export type CreateInviteResult =
  | { ok: true; invite: { id: string; orgName: string; email: string; role: string; expiresAt: Date; url: string } }
  | { ok: false; refusal: Refusal };

export async function createInvite({
  tx,
  orgId,
  actorUserId,
  input,
  license,
  now,
}: {
  tx: Tx;
  orgId: string;
  actorUserId: string;
  input: InviteMemberInput;
  license: License;
  now: Date;
}): Promise<CreateInviteResult> {
  const actor = await tx.membership.findUnique({ where: { orgId_userId: { orgId, userId: actorUserId } }, select: { role: true } });
  if (!actor || !mayActOn({ actorRole: actor.role, targetRole: "member", newRole: input.role })) {
    return { ok: false, refusal: { kind: "forbidden", message: ONLY_OWNERS_MESSAGE } };
  }
  const existing = await tx.membership.findFirst({ where: { orgId, user: { email: input.email } }, select: { id: true } });
  if (existing) return { ok: false, refusal: invalid({ email: "This person is already a member." }, "This person is already a member.") };

  // Re-inviting an address replaces its pending invitation (the old link stops working).
  await tx.invite.updateMany({ where: { orgId, email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });

  const seats = license.limits.seats;
  if (seats !== null) {
    // Under the seat lock that acceptInvite also takes: two invitations sent at once cannot
    // both take the last seat.
    await lockOrgLimit({ tx, orgId, limit: "seats" });
    const [members, pending] = await Promise.all([
      tx.membership.count({ where: { orgId } }),
      tx.invite.count({ where: { orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
    ]);
    if (members + pending >= seats) {
      const message = `Your plan includes ${seats} seats and they are all taken or invited.`;
      return { ok: false, refusal: invalid({ email: message }, message) };
    }
  }

  const { token, tokenHash } = newInviteToken();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000);
  const invite = await tx.invite.create({
    data: { orgId, email: input.email, role: input.role, tokenHash, createdByUserId: actorUserId, createdAt: now, expiresAt },
    select: { id: true, email: true, role: true, expiresAt: true, org: { select: { name: true } } },
  });
  const url = `${env().APP_URL.replace(/\/$/, "")}/invite/${token}`;
  logger.info(
    { event: "members.invite_created", inviteId: invite.id, orgId, role: invite.role, createdBy: actorUserId, expiresAt },
    "invitation created",
  );
  return {
    ok: true,
    invite: { id: invite.id, orgName: invite.org.name, email: invite.email, role: invite.role, expiresAt: invite.expiresAt, url },
  };
}
