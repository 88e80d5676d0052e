// Rename and remove a passkey, inside the guarded transaction. Removal also revokes every
// grant the passkey produced (in the same transaction): a credential you no longer trust
// must not keep vouching for you.
import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { revokeGrantsForPasskey } from "@/lib/step-up/grants";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ZPasskeyNameSchema } from "@/lib/step-up/schemas";

export const ZRenamePasskeySchema = z.object({ passkeyId: z.uuid({ error: "That passkey does not exist." }), name: ZPasskeyNameSchema });
export const ZRemovePasskeySchema = z.object({ passkeyId: z.uuid({ error: "That passkey does not exist." }) });

export async function renamePasskey({ tx, userId, passkeyId, name }: { tx: Tx; userId: string; passkeyId: string; name: string }) {
  const { count } = await tx.passkey.updateMany({ where: { id: passkeyId, userId }, data: { name } });
  return { renamed: count === 1 };
}

export async function removePasskey({
  tx,
  userId,
  orgId,
  passkeyId,
  now,
}: {
  tx: Tx;
  userId: string;
  orgId: string;
  passkeyId: string;
  now: Date;
}) {
  // The name goes into the owner's notice mail (sent after commit by the action).
  const passkey = await tx.passkey.findFirst({ where: { id: passkeyId, userId }, select: { name: true } });
  const { count } = await tx.passkey.deleteMany({ where: { id: passkeyId, userId } });
  if (count === 0 || !passkey) return { removed: false, grantsRevoked: 0, name: null };
  const grantsRevoked = await revokeGrantsForPasskey({ tx, passkeyId, actorUserId: userId, now });
  await recordAuditEvent({
    tx,
    orgId,
    actor: { type: "user", userId },
    action: "passkey.remove",
    decision: "revoked",
    method: "webauthn",
    detail: { passkeyId, grantsRevoked },
    at: now,
  });
  return { removed: true, grantsRevoked, name: passkey.name };
}
