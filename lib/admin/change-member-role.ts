// Change a member's role. Runs inside the guarded transaction (members.changeRole, strict
// step-up); the target-dependent rules are in member-rules.ts.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { invalid, type Refusal } from "@/lib/action-result";
import { logger } from "@/lib/log";
import type { Role } from "@/lib/licensing/policy";
import { LAST_OWNER_MESSAGE, ONLY_OWNERS_MESSAGE, lockOwners, mayActOn, readRoles } from "@/lib/admin/member-rules";

export type ChangeMemberRoleResult = { ok: true; from: Role; to: Role; changed: boolean } | { ok: false; refusal: Refusal };

export async function changeMemberRole({
  tx,
  orgId,
  actorUserId,
  userId,
  role,
}: {
  tx: Tx;
  orgId: string;
  actorUserId: string;
  userId: string;
  role: Role;
}): Promise<ChangeMemberRoleResult> {
  const owners = await lockOwners({ tx, orgId });
  const { actorRole, targetRole } = await readRoles({ tx, orgId, actorUserId, targetUserId: userId });
  if (!targetRole) return { ok: false, refusal: invalid({ userId: "That person is not a member of this organisation." }) };
  if (!actorRole || !mayActOn({ actorRole, targetRole, newRole: role }))
    return { ok: false, refusal: { kind: "forbidden", message: ONLY_OWNERS_MESSAGE } };
  if (targetRole === role) return { ok: true, from: targetRole, to: role, changed: false };
  if (targetRole === "owner" && owners.length <= 1) return { ok: false, refusal: { kind: "forbidden", message: LAST_OWNER_MESSAGE } };

  await tx.membership.update({ where: { orgId_userId: { orgId, userId } }, data: { role } });
  logger.info({ event: "members.role_changed", orgId, userId, from: targetRole, to: role, by: actorUserId }, "member role changed");
  return { ok: true, from: targetRole, to: role, changed: true };
}
