// Revokes an org API key and every grant it holds, in the caller's transaction.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { revokeGrantsForApiKey } from "@/lib/step-up/grants";

export async function revokeApiKey({
  tx,
  orgId,
  apiKeyId,
  userId,
  now,
}: {
  tx: Tx;
  orgId: string;
  apiKeyId: string;
  userId: string;
  now: Date;
}) {
  const { count } = await tx.apiKey.updateMany({ where: { id: apiKeyId, orgId, revokedAt: null }, data: { revokedAt: now } });
  if (count === 0) return { revoked: false };
  await revokeGrantsForApiKey({ tx, apiKeyId, actorUserId: userId, now });
  return { revoked: true };
}
