// Accept an invitation as the signed-in user: the invited address must be theirs, and the
// invitation pending. Not a policy action (the person is not a member yet); the token is
// the capability, the email match binds it to one person. The invite row is locked so
// two tabs accepting at once make one membership.
import "server-only";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashInviteToken } from "@/lib/admin/invite-token";
import { inviteStatus } from "@/lib/admin/find-invite";
import { ZInviteTokenSchema } from "@/lib/admin/schemas";

export type AcceptInviteResult =
  | { ok: true; orgId: string; orgName: string; role: string; alreadyMember: boolean }
  | { ok: false; reason: "unknown" | "accepted" | "revoked" | "expired" | "email_mismatch"; message: string };

const MESSAGES = {
  unknown: "This invitation link is not valid. Ask an admin of the organisation for a new one.",
  accepted: "This invitation has already been used.",
  revoked: "This invitation was withdrawn. Ask an admin of the organisation for a new one.",
  expired: "This invitation has expired. Ask an admin of the organisation for a new one.",
} as const;

export async function acceptInvite({
  token,
  userId,
  email,
  sessionId,
  now,
}: {
  token: string;
  userId: string;
  email: string;
  /** The session that accepts switches to the new org. */
  sessionId: string;
  now: Date;
}): Promise<AcceptInviteResult> {
  if (!ZInviteTokenSchema.safeParse(token).success) return { ok: false, reason: "unknown", message: MESSAGES.unknown };
  const tokenHash = hashInviteToken(token);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Invite" WHERE "tokenHash" = ${tokenHash} FOR UPDATE`;
    if (!rows[0]) return { ok: false, reason: "unknown", message: MESSAGES.unknown } as const;
    const invite = await tx.invite.findUniqueOrThrow({ where: { id: rows[0].id }, include: { org: { select: { name: true } } } });
    const status = inviteStatus(invite, now);
    if (status !== "pending") return { ok: false, reason: status, message: MESSAGES[status] } as const;
    if (invite.email.toLowerCase() !== email.toLowerCase()) {
      return {
        ok: false,
        reason: "email_mismatch",
        message: `This invitation is for ${invite.email}, but you are signed in as ${email}. Sign in with the invited address to accept it.`,
      } as const;
    }

    const existing = await tx.membership.findUnique({ where: { orgId_userId: { orgId: invite.orgId, userId } }, select: { id: true } });
    if (!existing) await tx.membership.create({ data: { orgId: invite.orgId, userId, role: invite.role, createdAt: now } });
    await tx.invite.update({ where: { id: invite.id }, data: { acceptedAt: now } });
    await tx.session.updateMany({ where: { id: sessionId, userId }, data: { currentOrgId: invite.orgId } });
    await recordAuditEvent({
      tx,
      orgId: invite.orgId,
      actor: { type: "user", userId, email },
      action: "members.invite_accepted",
      decision: "succeeded",
      detail: { inviteId: invite.id, role: invite.role, alreadyMember: Boolean(existing) },
      at: now,
    });
    logger.info({ event: "members.invite_accepted", inviteId: invite.id, orgId: invite.orgId, userId }, "invitation accepted");
    return { ok: true, orgId: invite.orgId, orgName: invite.org.name, role: invite.role, alreadyMember: Boolean(existing) } as const;
  });
}
