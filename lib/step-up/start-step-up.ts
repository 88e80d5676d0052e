// Step 1 of a step-up: authentication options for the signed-in user's own passkeys and a
// challenge bound to (user, session, "stepup", action). A user without a passkey is told
// to enrol (the modal then asks for the password again before registering one).
// `anyDevice` ("Use a passkey on another device"): no allowCredentials list, so the browser
// offers its hybrid flow (a QR code for a phone) and any passkey it can reach; the verify step
// still accepts only a credential registered to this user (verify-assertion.ts).
import "server-only";
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db/client";
import { challengeRow, newChallenge } from "@/lib/step-up/challenges";
import { issueStepUpChallenge } from "@/lib/step-up/step-up-sql";
import { lockedRefusal, retryAfterSeconds } from "@/lib/step-up/lockout";
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
  anyDevice = false,
  now,
}: {
  userId: string;
  sessionId: string;
  actionId: ActionId | null;
  apiStepUpRequestId?: string | null;
  anyDevice?: boolean;
  now: Date;
}): Promise<StartStepUpResult> {
  const issued = newChallenge(now);
  // One round trip: the lockout, the user's passkeys, and the challenge, stored only when
  // the user is not locked and has a passkey.
  const binding = { ceremony: "stepup" as const, userId, sessionId };
  const found = await issueStepUpChallenge({ tx: db, userId, row: challengeRow({ issued, binding, actionId, apiStepUpRequestId, now }) });
  const retryAfter = retryAfterSeconds(found.lockedUntil, now);
  if (retryAfter > 0) return lockedRefusal(retryAfter);
  const passkeys = found.passkeys.map((p) => ({ id: p.credentialId, transports: p.transports }));
  if (passkeys.length === 0) return { kind: "enrol" };

  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    challenge: issued.bytes,
    timeout: CHALLENGE_TTL_SECONDS * 1000,
    userVerification: "required",
    allowCredentials: anyDevice ? undefined : passkeys,
  });
  return { kind: "options", options };
}
