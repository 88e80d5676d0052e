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
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { relyingParty } from "@/lib/step-up/config";
import {
  challengeFromClientData,
  consumeChallengeSql,
  whyNotConsumed,
  type ChallengeBinding,
  type ConsumedChallenge,
} from "@/lib/step-up/challenges";
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

/** The counter move a checked assertion still owes: `from` → `to`, compare-and-set. */
export type CounterAdvance = { passkeyId: string; from: bigint; to: bigint; backedUp: boolean };

/** Checked, but its counter is not stored yet: it is not a verification until it is. */
export type CheckedAssertion = VerifiedAssertion & { counter: CounterAdvance };

type PasskeyColumns = {
  passkeyId: string;
  passkeyUserId: string;
  credentialId: string;
  publicKey: Uint8Array;
  counter: bigint;
  transports: string[] | null;
  name: string;
};
/** What checkAssertion's statement returns: each half null when not found (or not consumed). */
type ChallengeAndPasskey = { challengeId: string | null; actionId: string | null; apiStepUpRequestId: string | null } & (
  PasskeyColumns | { [K in keyof PasskeyColumns]: null }
);
const OWN_COLUMNS = [
  "challengeId",
  "actionId",
  "apiStepUpRequestId",
  "passkeyId",
  "passkeyUserId",
  "credentialId",
  "publicKey",
  "counter",
  "transports",
  "name",
] as const satisfies readonly (keyof ChallengeAndPasskey)[];

/**
 * Every check but storing the counter; the caller must store it with advanceCounterSql
 * and treat a miss as `counter_replay` (verifyAssertion does exactly that).
 * @param binding for step-up: the signed-in user and session; for sign-in: userId and
 *   sessionId null (the credential then names the user).
 * @param alongside a one-row SELECT the caller needs anyway (the step-up reads lockout and
 *   license), run in the same round trip; its row comes back as `alongside` (null when the
 *   response was malformed and nothing was read). Its column names must not be ours.
 */
export async function checkAssertion<Alongside extends object = object>({
  response: raw,
  binding,
  now,
  alongside = Prisma.sql`SELECT`,
}: {
  response: unknown;
  binding: ChallengeBinding;
  now: Date;
  alongside?: Prisma.Sql;
}): Promise<(CheckedAssertion | AssertionRefused) & { alongside: Alongside | null }> {
  const parsed = ZAuthenticationResponseSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "malformed_response", userId: binding.userId, alongside: null };
  const response = parsed.data;

  const challenge = challengeFromClientData(response.response.clientDataJSON);
  if (!challenge) return { ok: false, reason: "malformed_response", userId: binding.userId, alongside: null };
  // One statement: consume the challenge (atomically, see consumeChallengeSql), read the
  // credential the browser names, and the caller's row. The one-row VALUES keeps a row
  // when any of them is missing.
  const [row] = await db.$queryRaw<ChallengeAndPasskey[]>`
    WITH consumed AS (${consumeChallengeSql({ challenge, binding, now })})
    SELECT c.id AS "challengeId", c."actionId", c."apiStepUpRequestId",
           p.id AS "passkeyId", p."userId" AS "passkeyUserId", p."credentialId", p."publicKey", p.counter, p.transports, p.name,
           alongside.*
      FROM (VALUES (1)) AS one (x)
      LEFT JOIN consumed c ON true
      LEFT JOIN "Passkey" p ON p."credentialId" = ${response.id}
      LEFT JOIN LATERAL (${alongside}) AS alongside ON true`;
  const theirs = Object.fromEntries(Object.entries(row!).filter(([k]) => !(OWN_COLUMNS as readonly string[]).includes(k))) as Alongside;
  return { ...(await judge({ response, challenge, row: row!, binding, now })), alongside: theirs };
}

/** The checks on what the statement found, and the signature. */
async function judge({
  response,
  challenge,
  row,
  binding,
  now,
}: {
  response: AuthenticationResponseInput;
  challenge: string;
  row: ChallengeAndPasskey;
  binding: ChallengeBinding;
  now: Date;
}): Promise<CheckedAssertion | AssertionRefused> {
  if (!row.challengeId) {
    return { ok: false, reason: await whyNotConsumed({ challenge, binding, now }), userId: binding.userId };
  }
  const consumed: ConsumedChallenge = { id: row.challengeId, actionId: row.actionId, apiStepUpRequestId: row.apiStepUpRequestId };

  if (row.passkeyId === null) return { ok: false, reason: "credential_unknown", userId: binding.userId };
  const passkey = row;
  // Another user's credential can produce a perfectly valid signature; it is still not yours.
  if (binding.userId !== null && passkey.passkeyUserId !== binding.userId) {
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
        transports: passkey.transports ?? [],
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
    return { ok: false, reason, userId: passkey.passkeyUserId };
  }
  if (!verification.verified) return { ok: false, reason: "verification_failed", userId: passkey.passkeyUserId };
  // Belt and braces: never trust a library default for the property the product rests on.
  if (!verification.authenticationInfo.userVerified) return { ok: false, reason: "user_not_verified", userId: passkey.passkeyUserId };

  return {
    ok: true,
    userId: passkey.passkeyUserId,
    passkey: { id: passkey.passkeyId, credentialId: passkey.credentialId, name: passkey.name },
    challenge: consumed,
    counter: {
      passkeyId: passkey.passkeyId,
      from: passkey.counter,
      to: BigInt(verification.authenticationInfo.newCounter),
      backedUp: verification.authenticationInfo.credentialBackedUp,
    },
  };
}

/**
 * The counter moves forward atomically: a compare-and-set on the counter we verified
 * against, so two racing uses of one stored counter cannot both win (nor can a passkey
 * removed meanwhile). Returns the passkey's id when it moved, no row when it did not.
 */
export function advanceCounterSql(counter: CounterAdvance, now: Date): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Passkey" SET counter = ${counter.to}, "lastUsedAt" = ${now}, "backedUp" = ${counter.backedUp}
     WHERE id = ${counter.passkeyId}::uuid AND counter = ${counter.from}
    RETURNING id`;
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
  const { alongside: _nothing, ...checked } = await checkAssertion({ response, binding, now });
  if (!checked.ok) return checked;
  const advanced = await db.$queryRaw<{ id: string }[]>(advanceCounterSql(checked.counter, now));
  if (advanced.length !== 1) return { ok: false, reason: "counter_replay", userId: checked.userId };
  const { counter: _stored, ...verified } = checked;
  return verified;
}
