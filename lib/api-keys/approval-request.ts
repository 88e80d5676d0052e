// Who may answer an API client's device-flow request, and how a browser finds one by its
// user code. An approval hands the key a grant for the action, so it is limited to people
// the org already trusts with that key: its creator, or an admin/owner of the key's org —
// and in either case someone whose own role meets the action's minimum. Everyone else
// (outsiders, plain members, a wrong or expired code) gets the same "unavailable" answer:
// nothing about the key or its org, and nothing written into that org.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { isActionId, isRole, roleAllows, type ActionId, type Role } from "@/lib/licensing/policy";

export const APPROVAL_UNAVAILABLE_MESSAGE =
  "That code is not valid, has expired, or is not one you can approve. Check the code your API client shows, or ask it to start again.";

/**
 * Pure: may a member with `role` (the key's creator or not) approve `actionId` for the key?
 * Someone else's key is trusted to whoever may revoke the org's keys.
 */
export function mayApprove({ role, isCreator, actionId }: { role: Role; isCreator: boolean; actionId: ActionId }): boolean {
  return roleAllows(actionId, role).ok && (isCreator || roleAllows("apiKeys.revoke", role).ok);
}

export type ApprovableRequest = {
  id: string;
  userCode: string;
  actionId: ActionId;
  expiresAt: Date;
  key: { id: string; name: string; prefix: string };
  org: { id: string; name: string };
};

/**
 * The pending, unexpired request (by user code or id) of a live key, if `userId` may
 * approve it; null otherwise, whatever the reason (callers must not tell reasons apart).
 */
export async function findApprovableRequest({
  tx = db,
  where,
  userId,
  now,
}: {
  tx?: Db;
  where: { userCode: string } | { id: string };
  userId: string;
  now: Date;
}): Promise<ApprovableRequest | null> {
  const request = await tx.apiStepUpRequest.findUnique({ where });
  if (!request || request.status !== "pending" || request.expiresAt.getTime() <= now.getTime()) return null;
  if (!isActionId(request.actionId)) return null;
  const key = await tx.apiKey.findUnique({ where: { id: request.apiKeyId }, include: { org: { select: { id: true, name: true } } } });
  if (!key || key.revokedAt) return null;
  const membership = await tx.membership.findUnique({ where: { orgId_userId: { orgId: key.orgId, userId } }, select: { role: true } });
  if (!membership || !isRole(membership.role)) return null;
  if (!mayApprove({ role: membership.role, isCreator: key.createdByUserId === userId, actionId: request.actionId })) return null;
  return {
    id: request.id,
    userCode: request.userCode,
    actionId: request.actionId,
    expiresAt: request.expiresAt,
    key: { id: key.id, name: key.name, prefix: key.prefix },
    org: key.org,
  };
}

/**
 * Ends a pending request for good (status "denied": the polling client sees it, and it can
 * never be approved afterwards). Same rule as approving; audited in the key's org, since
 * only someone that org trusts with the key gets this far.
 */
export async function denyApiStepUp({
  requestId,
  userId,
  email,
  ip,
  now,
}: {
  requestId: string;
  userId: string;
  email: string;
  ip: string | null;
  now: Date;
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const request = await findApprovableRequest({ tx, where: { id: requestId }, userId, now });
    if (!request) return false;
    const { count } = await tx.apiStepUpRequest.updateMany({
      where: { id: request.id, status: "pending", expiresAt: { gt: now } },
      data: { status: "denied" },
    });
    if (count !== 1) return false;
    await recordAuditEvent({
      tx,
      orgId: request.org.id,
      actor: { type: "user", userId, email },
      action: "step_up.deny_api",
      decision: "refused",
      detail: { apiKeyId: request.key.id, forAction: request.actionId, requestId: request.id },
      ip,
      at: now,
    });
    return true;
  });
}
