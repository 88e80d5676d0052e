// Sign out one session of a member of this org (sessions.revokeMember, strict step-up).
// The session must belong to a current member; the same "only owners touch owners" rule
// applies as for roles. revokeSession is scoped by userId, so it is passed the session's
// owner only after that membership is verified here.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { invalid, type Refusal } from "@/lib/action-result";
import { revokeSession } from "@/lib/auth/sessions";
import { ONLY_OWNERS_MESSAGE, mayActOn, readRoles } from "@/lib/admin/member-rules";

export type RevokeMemberSessionResult = { ok: true; userId: string } | { ok: false; refusal: Refusal };

const NOT_FOUND = "That session does not exist or has already ended.";

export async function revokeMemberSession({
  tx,
  orgId,
  actorUserId,
  sessionId,
}: {
  tx: Tx;
  orgId: string;
  actorUserId: string;
  sessionId: string;
}): Promise<RevokeMemberSessionResult> {
  const session = await tx.session.findUnique({ where: { id: sessionId }, select: { userId: true, revokedAt: true } });
  if (!session || session.revokedAt) return { ok: false, refusal: invalid({ sessionId: NOT_FOUND }, NOT_FOUND) };
  const { actorRole, targetRole } = await readRoles({ tx, orgId, actorUserId, targetUserId: session.userId });
  // Another org's session is indistinguishable from a missing one.
  if (!targetRole) return { ok: false, refusal: invalid({ sessionId: NOT_FOUND }, NOT_FOUND) };
  if (!actorRole || !mayActOn({ actorRole, targetRole }))
    return { ok: false, refusal: { kind: "forbidden", message: ONLY_OWNERS_MESSAGE } };
  const revoked = await revokeSession({ tx, sessionId, userId: session.userId, reason: "revoked_by_admin" });
  if (!revoked) return { ok: false, refusal: invalid({ sessionId: NOT_FOUND }, NOT_FOUND) };
  return { ok: true, userId: session.userId };
}
