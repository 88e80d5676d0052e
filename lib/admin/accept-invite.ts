// Accept an invitation as the signed-in user: the invited address must be theirs, and the
// invitation pending. Not a policy action (the person is not a member yet); the token is
// the capability, the email match binds it to one person. The invite row is locked so
// two tabs accepting at once make one membership. The plan's seats are counted now, under
// the org's seat lock: an invitation sent on a bigger plan cannot overfill a smaller one.
import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashInviteToken } from "@/lib/admin/invite-token";
import { lockInviteByTokenHash } from "@/lib/admin/admin-sql";
import { inviteStatus } from "@/lib/admin/find-invite";
import { ZInviteTokenSchema } from "@/lib/admin/schemas";
import { getLicense } from "@/lib/licensing/get-license";
import { lockOrgLimit } from "@/lib/orgs/lock-org-limit";

export type AcceptInviteResult =
  | { ok: true; orgId: string; orgName: string; role: string; alreadyMember: boolean }
  | { ok: false; reason: "unknown" | "accepted" | "revoked" | "expired" | "email_mismatch" | "unverified" | "no_seat"; message: string };

const MESSAGES = {
  unknown: "This invitation link is not valid. Ask an admin of the organisation for a new one.",
  accepted: "This invitation has already been used.",
  revoked: "This invitation was withdrawn. Ask an admin of the organisation for a new one.",
  expired: "This invitation has expired. Ask an admin of the organisation for a new one.",
  unverified: "Confirm your email address first (use the link we mailed you, or send a new one), then open the invitation again.",
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
    const inviteId = await lockInviteByTokenHash({ tx, tokenHash });
    if (!inviteId) return { ok: false, reason: "unknown", message: MESSAGES.unknown } as const;
    const invite = await tx.invite.findUniqueOrThrow({ where: { id: inviteId }, include: { org: { select: { name: true } } } });
    const status = inviteStatus(invite, now);
    if (status !== "pending") return { ok: false, reason: status, message: MESSAGES[status] } as const;
    if (invite.email.toLowerCase() !== email.toLowerCase()) {
      return {
        ok: false,
        reason: "email_mismatch",
        message: `This invitation is for ${invite.email}, but you are signed in as ${email}. Sign in with the invited address to accept it.`,
      } as const;
    }
    // Only a confirmed address may take the seat: otherwise whoever signs up first with the
    // invited address (without owning it) would join the organisation.
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerifiedAt: true } });
    if (!user.emailVerifiedAt) {
      await recordAuditEvent({
        tx,
        orgId: invite.orgId,
        actor: { type: "user", userId, email },
        action: "members.invite_accepted",
        decision: "refused",
        detail: { inviteId: invite.id, reason: "unverified" },
        at: now,
      });
      return { ok: false, reason: "unverified", message: MESSAGES.unverified } as const;
    }

    const existing = await tx.membership.findUnique({ where: { orgId_userId: { orgId: invite.orgId, userId } }, select: { id: true } });
    if (!existing && !(await seatFree({ tx, orgId: invite.orgId, now }))) {
      logger.info(
        { event: "members.invite_no_seat", inviteId: invite.id, orgId: invite.orgId, userId },
        "invitation refused: no free seat",
      );
      return { ok: false, reason: "no_seat", message: noSeatMessage(invite.org.name) } as const;
    }
    if (!existing) await tx.membership.create({ data: { orgId: invite.orgId, userId, role: invite.role, createdAt: now } });
    await tx.invite.update({ where: { id: invite.id }, data: { acceptedAt: now } });
    await tx.session.updateMany({ where: { id: sessionId, userId }, data: { currentOrgId: invite.orgId } });
    // Joining is switching: the next sign-in lands here too (User.lastOrgId, lib/auth/landing-org.ts).
    await tx.user.update({ where: { id: userId }, data: { lastOrgId: invite.orgId } });
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

const noSeatMessage = (orgName: string) =>
  `${orgName} has no free seat on its current plan, so the invitation cannot be accepted yet. Ask an owner of ${orgName} to upgrade, then open the link again.`;

/** Is there a seat for one more member? Takes the seat lock (held until the caller commits). */
async function seatFree({ tx, orgId, now }: { tx: Tx; orgId: string; now: Date }): Promise<boolean> {
  const seats = (await getLicense({ orgId, tx, lock: true, now })).limits.seats;
  if (seats === null) return true;
  await lockOrgLimit({ tx, orgId, limit: "seats" });
  return (await tx.membership.count({ where: { orgId } })) < seats;
}
