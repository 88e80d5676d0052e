// Step 1 of a step-up: authentication options for the signed-in user's own passkeys and a
// challenge bound to (user, session, "stepup", action). A user without a passkey is told
// to enrol (the modal then asks for the password again before registering one).
import "server-only";
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { challengeInsert, newChallenge } from "@/lib/step-up/challenges";
import { lockedMessage, retryAfterSeconds } from "@/lib/step-up/lockout";
import { relyingParty, CHALLENGE_TTL_SECONDS } from "@/lib/step-up/config";
import type { ActionId } from "@/lib/licensing/policy";

export type StartStepUpResult =
  | { kind: "options"; options: PublicKeyCredentialRequestOptionsJSON }
  | { kind: "enrol" }
  | { kind: "locked"; retryAfter: number; message: string };

type Row = { lockedUntil: Date | null; credentialId: string | null; transports: string[] | null };

export async function startStepUp({
  userId,
  sessionId,
  actionId,
  apiStepUpRequestId = null,
  now,
}: {
  userId: string;
  sessionId: string;
  actionId: ActionId | null;
  apiStepUpRequestId?: string | null;
  now: Date;
}): Promise<StartStepUpResult> {
  const issued = newChallenge(now);
  // One round trip: the lockout, the user's passkeys, and the challenge, stored only when
  // the user is not locked and has a passkey. One row per passkey (one all-null row if none).
  const rows = await db.$queryRaw<Row[]>`
    WITH lockout AS (
      SELECT "lockedUntil" FROM "StepUpLockout" WHERE "userId" = ${userId}::uuid AND "lockedUntil" > ${now}
    ), passkeys AS (
      SELECT "credentialId", transports FROM "Passkey" WHERE "userId" = ${userId}::uuid
    ), issued AS (
      ${challengeInsert(
        { issued, binding: { ceremony: "stepup", userId, sessionId }, actionId, apiStepUpRequestId, now },
        Prisma.sql`NOT EXISTS (SELECT 1 FROM lockout) AND EXISTS (SELECT 1 FROM passkeys)`,
      )}
    )
    SELECT (SELECT "lockedUntil" FROM lockout) AS "lockedUntil", p."credentialId", p.transports
      FROM (SELECT 1) AS one
      LEFT JOIN passkeys p ON true`;
  const retryAfter = retryAfterSeconds(rows[0]?.lockedUntil ?? null, now);
  if (retryAfter > 0) return { kind: "locked", retryAfter, message: lockedMessage(retryAfter) };
  const passkeys = rows.flatMap((r) => (r.credentialId ? [{ id: r.credentialId, transports: r.transports ?? [] }] : []));
  if (passkeys.length === 0) return { kind: "enrol" };

  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    challenge: issued.bytes,
    timeout: CHALLENGE_TTL_SECONDS * 1000,
    userVerification: "required",
    allowCredentials: passkeys,
  });
  return { kind: "options", options };
}
