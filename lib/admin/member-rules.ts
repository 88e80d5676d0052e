// Who may change whom. The policy table says which roles may call an admin action at all
// (admins and owners); these rules depend on the *target* and so live with the data:
//
//   • Only owners touch owners: an admin cannot promote anyone to owner, invite an owner,
//     or change, remove, or revoke the sessions of an owner. (An owner outranks the admin;
//     letting admins act on owners would let them take the organisation over.)
//   • Owners may do everything, to anyone, including themselves — except leave the
//     organisation without an owner: the last owner can be neither demoted nor removed.
//     That rule is enforced inside the transaction with the owners' rows locked
//     (lockOwners) so two concurrent demotions cannot both succeed.
//   • Acting on yourself follows the same rules (an admin may step down to member, an
//     owner may leave if another owner remains).
import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Role } from "@/lib/licensing/policy";
import { selectOwnersForUpdate } from "@/lib/admin/admin-sql";

export const ONLY_OWNERS_MESSAGE = "Only owners can change, remove or sign out an owner, or make someone an owner.";
export const LAST_OWNER_MESSAGE = "An organisation needs at least one owner. Make someone else an owner first.";

/** May `actorRole` act on a member whose role is `targetRole` (and, if given, set `newRole`)? */
export function mayActOn({ actorRole, targetRole, newRole }: { actorRole: Role; targetRole: Role; newRole?: Role }): boolean {
  if (actorRole === "owner") return true;
  if (actorRole !== "admin") return false;
  return targetRole !== "owner" && newRole !== "owner";
}

/**
 * Locks the org's owner memberships (FOR UPDATE, in id order so concurrent callers queue
 * without deadlocking) and returns their user ids. A concurrent demotion that committed
 * first is seen here: in READ COMMITTED, Postgres re-checks `role = 'owner'` on the rows
 * it waited for and drops those that no longer match.
 */
export async function lockOwners({ tx, orgId }: { tx: Tx; orgId: string }): Promise<string[]> {
  return selectOwnersForUpdate({ tx, orgId });
}

/** The acting member's role and the target's, read inside the transaction after lockOwners. */
export async function readRoles({
  tx,
  orgId,
  actorUserId,
  targetUserId,
}: {
  tx: Tx;
  orgId: string;
  actorUserId: string;
  targetUserId: string;
}) {
  const rows = await tx.membership.findMany({
    where: { orgId, userId: { in: [actorUserId, targetUserId] } },
    select: { userId: true, role: true },
  });
  return {
    actorRole: rows.find((r) => r.userId === actorUserId)?.role ?? null,
    targetRole: rows.find((r) => r.userId === targetUserId)?.role ?? null,
  };
}
