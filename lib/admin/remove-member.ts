// Remove a member from the org. Their step-up grants for this org die with the membership
// (grants are per session + org); a session whose current org was this one falls back to
// the person's own org on its next request (getCurrentSession re-checks membership).
import "server-only";
import type { Tx } from "@/lib/db/client";
import { invalid, type Refusal } from "@/lib/action-result";
import { logger } from "@/lib/log";
import { revokeGrants } from "@/lib/step-up/revoke-grants";
import type { Role } from "@/lib/licensing/policy";
import { LAST_OWNER_MESSAGE, ONLY_OWNERS_MESSAGE, lockOwners, mayActOn, readRoles } from "@/lib/admin/member-rules";

export type RemoveMemberResult = { ok: true; role: Role; grantsRevoked: number } | { ok: false; refusal: Refusal };

export async function removeMember({
  tx,
  orgId,
  actorUserId,
  userId,
  now,
}: {
  tx: Tx;
  orgId: string;
  actorUserId: string;
  userId: string;
  now: Date;
}): Promise<RemoveMemberResult> {
  const owners = await lockOwners({ tx, orgId });
  const { actorRole, targetRole } = await readRoles({ tx, orgId, actorUserId, targetUserId: userId });
  if (!targetRole) return { ok: false, refusal: invalid({ userId: "That person is not a member of this organisation." }) };
  if (!actorRole || !mayActOn({ actorRole, targetRole }))
    return { ok: false, refusal: { kind: "forbidden", message: ONLY_OWNERS_MESSAGE } };
  if (targetRole === "owner" && owners.length <= 1) return { ok: false, refusal: { kind: "forbidden", message: LAST_OWNER_MESSAGE } };

  await tx.membership.delete({ where: { orgId_userId: { orgId, userId } } });
  const grantsRevoked = await revokeGrants({
    tx,
    scope: { userId, orgId },
    reason: "user_removed",
    actor: { type: "user", userId: actorUserId },
    detail: { userId },
    now,
  });
  logger.info({ event: "members.removed", orgId, userId, role: targetRole, by: actorUserId, grantsRevoked }, "member removed");
  return { ok: true, role: targetRole, grantsRevoked };
}
