// Step 1 of a step-up: authentication options for the signed-in user's own passkeys and a
// challenge bound to (user, session, "stepup", action). A user without a passkey is told
// to enrol (the modal then asks for the password again before registering one).
import "server-only";
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db/client";
import { issueChallenge } from "@/lib/step-up/challenges";
import { lockedMessage, stepUpRetryAfter } from "@/lib/step-up/lockout";
import { relyingParty, CHALLENGE_TTL_SECONDS } from "@/lib/step-up/config";
import type { ActionId } from "@/lib/licensing/policy";

export type StartStepUpResult =
  | { kind: "options"; options: PublicKeyCredentialRequestOptionsJSON }
  | { kind: "enrol" }
  | { kind: "locked"; retryAfter: number; message: string };

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
  const retryAfter = await stepUpRetryAfter({ userId, now });
  if (retryAfter > 0) return { kind: "locked", retryAfter, message: lockedMessage(retryAfter) };

  const passkeys = await db.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) return { kind: "enrol" };

  const { bytes: challenge } = await issueChallenge({
    binding: { ceremony: "stepup", userId, sessionId },
    actionId,
    apiStepUpRequestId,
    now,
  });
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    challenge,
    timeout: CHALLENGE_TTL_SECONDS * 1000,
    userVerification: "required",
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
  return { kind: "options", options };
}
