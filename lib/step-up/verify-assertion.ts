// Verifies one WebAuthn assertion against a challenge we issued. Every check is explicit:
// the challenge is ours, bound to this user + session + ceremony, fresh and unused (and is
// consumed now); the credential belongs to the user; origin and RP ID are the ones from
// env; the UV flag is set (SimpleWebAuthn's requireUserVerification, and we read the flag
// ourselves); the signature counter moved forward. Records nothing but the challenge's
// consumption and the counter: callers decide what a failure costs.
//
// checkAssertion does all of it but storing the counter, in one round trip (consume the
// challenge and read the credential in one statement). verifyAssertion stores the counter
// on its own; completeStepUp stores it in the statement that mints the grant, so the two
// stand or fall together.
import "server-only";
import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { relyingParty } from "@/lib/step-up/config";
import { challengeFromClientData, whyNotConsumed, type ChallengeBinding, type ConsumedChallenge } from "@/lib/step-up/challenges";
import {
  advanceCounter,
  consumeChallengeAndReadPasskey,
  consumeChallengeAndReadStepUp,
  type ChallengeAndPasskey,
  type CounterAdvance,
  type StepUpContext,
} from "@/lib/step-up/step-up-sql";
import { ZAuthenticationResponseSchema, type AuthenticationResponseInput } from "@/lib/step-up/schemas";

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

export type AssertionRefused = { ok: false; reason: AssertionFailure; userId: string | null };

export type { CounterAdvance } from "@/lib/step-up/step-up-sql";

/** Checked, but its counter is not stored yet: it is not a verification until it is. */
export type CheckedAssertion = VerifiedAssertion & { counter: CounterAdvance };

/**
 * Every check but storing the counter; the caller must store it (advanceCounter, or in the
 * statement that mints the grant) and treat a miss as `counter_replay`.
 * @param binding for step-up: the signed-in user and session; for sign-in: userId and
 *   sessionId null (the credential then names the user).
 * @param stepUpOf for a step-up: the user and org whose lockout and license the caller needs
 *   anyway, read in the same round trip; they come back as `context` (null when the response
 *   was malformed and nothing was read, or when not asked for).
 */
export async function checkAssertion({
  response: raw,
  binding,
  now,
  stepUpOf = null,
}: {
  response: unknown;
  binding: ChallengeBinding;
  now: Date;
  stepUpOf?: { userId: string; orgId: string } | null;
}): Promise<(CheckedAssertion | AssertionRefused) & { context: StepUpContext | null }> {
  const parsed = ZAuthenticationResponseSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "malformed_response", userId: binding.userId, context: null };
  const response = parsed.data;

  const challenge = challengeFromClientData(response.response.clientDataJSON);
  if (!challenge) return { ok: false, reason: "malformed_response", userId: binding.userId, context: null };
  // One statement: consume the challenge (atomically) and read the credential the browser
  // names, and for a step-up the lockout and license as well.
  const lookup = { tx: db, challenge, binding, credentialId: response.id, now };
  const found = stepUpOf
    ? await consumeChallengeAndReadStepUp({ ...lookup, context: stepUpOf })
    : { ...(await consumeChallengeAndReadPasskey(lookup)), context: null };
  return { ...(await judge({ response, challenge, found, binding, now })), context: found.context };
}

/** The checks on what the statement found, and the signature. */
async function judge({
  response,
  challenge,
  found,
  binding,
  now,
}: {
  response: AuthenticationResponseInput;
  challenge: string;
  found: ChallengeAndPasskey;
  binding: ChallengeBinding;
  now: Date;
}): Promise<CheckedAssertion | AssertionRefused> {
  const consumed: ConsumedChallenge | null = found.challenge;
  if (!consumed) {
    return { ok: false, reason: await whyNotConsumed({ challenge, binding, now }), userId: binding.userId };
  }

  const passkey = found.passkey;
  if (passkey === null) return { ok: false, reason: "credential_unknown", userId: binding.userId };
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

  return {
    ok: true,
    userId: passkey.userId,
    passkey: { id: passkey.id, credentialId: passkey.credentialId, name: passkey.name },
    challenge: consumed,
    counter: {
      passkeyId: passkey.id,
      from: passkey.counter,
      to: BigInt(verification.authenticationInfo.newCounter),
      backedUp: verification.authenticationInfo.credentialBackedUp,
    },
  };
}

/** checkAssertion, then the counter on its own: a complete verification (passkey sign-in). */
export async function verifyAssertion({
  response,
  binding,
  now,
}: {
  response: unknown;
  binding: ChallengeBinding;
  now: Date;
}): Promise<VerifiedAssertion | AssertionRefused> {
  const { context: _none, ...checked } = await checkAssertion({ response, binding, now });
  if (!checked.ok) return checked;
  if (!(await advanceCounter({ tx: db, counter: checked.counter, now })))
    return { ok: false, reason: "counter_replay", userId: checked.userId };
  const { counter: _stored, ...verified } = checked;
  return verified;
}
