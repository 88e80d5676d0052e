// Withdraw a pending invitation: its link stops working at once.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { logger } from "@/lib/log";

export async function revokeInvite({
  tx,
  orgId,
  inviteId,
  now,
}: {
  tx: Tx;
  orgId: string;
  inviteId: string;
  now: Date;
}): Promise<{ revoked: boolean }> {
  // Scoped by orgId: an invite id from another org is simply "not found".
  const { count } = await tx.invite.updateMany({
    where: { id: inviteId, orgId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  if (count > 0) logger.info({ event: "members.invite_revoked", inviteId, orgId }, "invitation revoked");
  return { revoked: count > 0 };
}
