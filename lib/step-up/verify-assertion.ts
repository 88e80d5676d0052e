// Verifies one WebAuthn assertion against a challenge we issued. Every check is explicit:
// the challenge is ours, bound to this user + session + ceremony, fresh and unused (and is
// consumed now); the credential belongs to the user; origin and RP ID are the ones from
// env; the UV flag is set (SimpleWebAuthn's requireUserVerification, and we read the flag
// ourselves); the signature counter moved forward. Records nothing but the challenge's
// consumption and the counter: callers decide what a failure costs.
import "server-only";
import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { relyingParty } from "@/lib/step-up/config";
import { challengeFromClientData, consumeChallenge, type ChallengeBinding, type ConsumedChallenge } from "@/lib/step-up/challenges";
import { ZAuthenticationResponseSchema } from "@/lib/step-up/schemas";

export type AssertionFailure =
  | "malformed_response"
  | "challenge_unknown"
  | "challenge_expired"
  | "challenge_reused"
  | "challenge_wrong_binding"
  | "credential_unknown"
  | "credential_not_owned"
  | "verification_failed"
  | "user_not_verified"
  | "counter_replay";

export type VerifiedAssertion = {
  ok: true;
  userId: string;
  passkey: { id: string; credentialId: string; name: string };
  challenge: ConsumedChallenge;
};

/**
 * @param binding for step-up: the signed-in user and session; for sign-in: userId and
 *   sessionId null (the credential then names the user).
 */
export async function verifyAssertion({
  response: raw,
  binding,
  now,
}: {
  response: unknown;
  binding: ChallengeBinding;
  now: Date;
}): Promise<VerifiedAssertion | { ok: false; reason: AssertionFailure; userId: string | null }> {
  const parsed = ZAuthenticationResponseSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "malformed_response", userId: binding.userId };
  const response = parsed.data;

  const challenge = challengeFromClientData(response.response.clientDataJSON);
  if (!challenge) return { ok: false, reason: "malformed_response", userId: binding.userId };
  const consumed = await consumeChallenge({ challenge, binding, now });
  if (!consumed.ok) return { ok: false, reason: consumed.reason, userId: binding.userId };

  const passkey = await db.passkey.findUnique({ where: { credentialId: response.id } });
  if (!passkey) return { ok: false, reason: "credential_unknown", userId: binding.userId };
  // Another user's credential can produce a perfectly valid signature; it is still not yours.
  if (binding.userId !== null && passkey.userId !== binding.userId) {
    return { ok: false, reason: "credential_not_owned", userId: binding.userId };
  }

  const rp = relyingParty();
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response: { ...response, clientExtensionResults: response.clientExtensionResults },
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      expectedType: "webauthn.get",
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: Number(passkey.counter),
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.info({ event: "step_up.assertion_rejected", reason: message }, "assertion rejected");
    const reason: AssertionFailure = /user could not be verified|user verification/i.test(message)
      ? "user_not_verified"
      : /counter/i.test(message)
        ? "counter_replay"
        : "verification_failed";
    return { ok: false, reason, userId: passkey.userId };
  }
  if (!verification.verified) return { ok: false, reason: "verification_failed", userId: passkey.userId };
  // Belt and braces: never trust a library default for the property the product rests on.
  if (!verification.authenticationInfo.userVerified) return { ok: false, reason: "user_not_verified", userId: passkey.userId };

  // Counter moves forward atomically: two racing uses of one stored counter cannot both win.
  const newCounter = BigInt(verification.authenticationInfo.newCounter);
  const { count } = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: newCounter, lastUsedAt: now, backedUp: verification.authenticationInfo.credentialBackedUp },
  });
  if (count !== 1) return { ok: false, reason: "counter_replay", userId: passkey.userId };

  return {
    ok: true,
    userId: passkey.userId,
    passkey: { id: passkey.id, credentialId: passkey.credentialId, name: passkey.name },
    challenge: consumed.challenge,
  };
}
