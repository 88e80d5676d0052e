// Passkey enrolment (OWASP ASVS 5.0 V7.5.1). The FIRST passkey is enrolled by re-entering
// the account password, through the one password check (throttled, and counted toward the
// step-up lockout). ANOTHER passkey is the guarded action `passkeys.add`: it needs a fresh
// step-up with an existing passkey, so a stolen cookie plus a guessed or phished password
// cannot add its own authenticator and then pass every step-up. The registration challenge
// is bound to (user, session, "register") and remembers which of the two paths issued it;
// the new credential must have been created with user verification. A third path: a session
// holding a factor-replacement permission (a spent recovery code: see
// lib/factors/replacement-permission.ts) enrols one passkey with neither password nor
// step-up, spending it at finish.
// The first factor enrolled issues the account's recovery codes, shown once in the answer.
import "server-only";
import { z } from "zod";
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
} from "@simplewebauthn/server";
import { db, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { checkPassword } from "@/lib/auth/check-password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { recordFailedAttempt } from "@/lib/audit/record-failed-attempt";
import { lockedRefusal } from "@/lib/step-up/lockout";
import { refuseFromBody, runGuarded, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { Refusal } from "@/lib/action-result";
import { relyingParty, CHALLENGE_TTL_SECONDS } from "@/lib/step-up/config";
import { challengeFromClientData, consumeChallenge, issueChallenge } from "@/lib/step-up/challenges";
import { ZRegistrationResponseSchema } from "@/lib/step-up/schemas";
import { lockUser } from "@/lib/step-up/step-up-sql";
import { logger } from "@/lib/log";
import { notifySecurityEvent } from "@/lib/mail/notify-security-event";
import { issueRecoveryCodesIfFirstFactor } from "@/lib/factors/recovery-codes";
import { consumeReplacement, liveReplacement } from "@/lib/factors/replacement-permission";
import { defaultPasskeyName } from "@/lib/step-up/aaguid-names";
import { countFactors } from "@/lib/auth/count-factors";

type Who = { userId: string; sessionId: string; orgId: string | null; now: Date; ip?: string | null };

export type StartRegistrationResult =
  | { ok: true; options: PublicKeyCredentialCreationOptionsJSON }
  | { ok: false; kind: "invalid"; message: string }
  | { ok: false; kind: "locked"; retryAfter: number; message: string }
  /** The account has a passkey: adding another is `passkeys.add` and was refused (usually step_up_required). */
  | { ok: false; kind: "refused"; refusal: Refusal };

/** `passkeys.add` takes no input: what it adds comes from the authenticator at finish. */
export const ZAddPasskeySchema = z.object({}).strict();
export type AddPasskeyInput = z.output<typeof ZAddPasskeySchema>;

const ADD_ACTION = "passkeys.add";

export async function startPasskeyRegistration({
  userId,
  sessionId,
  orgId,
  password,
  now,
  ip = null,
}: Who & { password?: string | null }): Promise<StartRegistrationResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  // A recovery code spent in this session stands in for the step-up (and for the password).
  if (await liveReplacement({ userId, sessionId, now })) {
    return { ok: true, options: await registrationOptions({ userId, sessionId, now, actionId: null }) };
  }
  // Any factor (a passkey, or an authenticator app) makes this a second one: passkeys.add.
  if ((await countFactors({ userId })) > 0) {
    // The password is deliberately NOT asked (nor checked) here: the step-up with an existing
    // passkey is the stronger proof, and checking a password that decides nothing would only
    // hand a stolen cookie one more guessing door.
    if (!orgId) return { ok: false, kind: "refused", refusal: { kind: "forbidden", message: "Open an organisation first." } };
    const ctx = { kind: "session" as const, sid: sessionId, userId, email: user.email, orgId };
    const result = await runGuarded({
      actionId: ADD_ACTION,
      ctx,
      schema: ZAddPasskeySchema,
      rawInput: {},
      body: addPasskeyOptions,
      now,
      ip,
    });
    return result.ok ? { ok: true, options: result.data } : { ok: false, kind: "refused", refusal: result.error };
  }

  if (!password) return { ok: false, kind: "invalid", message: "Enter your password." };
  const check = await checkPassword({ account: { userId, orgId }, password, ip, now });
  if (!check.ok) {
    if (check.reason !== "wrong_password") return { ok: false, ...lockedRefusal(check.retryAfter, check.message) };
    await recordFailedAttempt({ orgId, userId, action: "passkey.register", method: "password", reason: "password_mismatch", ip, now });
    return { ok: false, kind: "invalid", message: "That password is not right." };
  }
  return { ok: true, options: await registrationOptions({ userId, sessionId, now, actionId: null }) };
}

/** The guarded body of `passkeys.add`: registration options, issued inside the guard's transaction. */
export async function addPasskeyOptions({
  ctx,
  tx,
  now,
}: GuardedBodyArgs<AddPasskeyInput>): Promise<PublicKeyCredentialCreationOptionsJSON> {
  if (ctx.kind !== "session") refuseFromBody({ kind: "forbidden", message: "Passkeys belong to people, not API keys." });
  return registrationOptions({ tx, userId: ctx.userId, sessionId: ctx.sid, now, actionId: ADD_ACTION });
}

/** @param actionId `passkeys.add` when a step-up allowed it, null for a first passkey (see finish). */
async function registrationOptions({
  tx = db,
  userId,
  sessionId,
  now,
  actionId,
}: {
  tx?: Db;
  userId: string;
  sessionId: string;
  now: Date;
  actionId: typeof ADD_ACTION | null;
}): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, name: true, passkeys: { select: { credentialId: true, transports: true } } },
  });
  const { bytes: challenge } = await issueChallenge({ tx, binding: { ceremony: "register", userId, sessionId }, actionId, now });
  const rp = relyingParty();
  return generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(userId),
    challenge,
    timeout: CHALLENGE_TTL_SECONDS * 1000,
    attestationType: "none",
    excludeCredentials: user.passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
  });
}

export type FinishRegistrationResult =
  | {
      ok: true;
      passkey: { id: string; name: string };
      /** The account's first factor: its recovery codes, shown once. */ recoveryCodes: string[] | null;
    }
  | { ok: false; kind: "failed"; reason: string; message: string };

export async function finishPasskeyRegistration({
  userId,
  sessionId,
  orgId,
  response: raw,
  name: chosenName,
  userAgent = "",
  now,
  ip = null,
}: Who & {
  response: unknown;
  /** null: a default from the authenticator's AAGUID, else the browser. */ name: string | null;
  userAgent?: string;
}): Promise<FinishRegistrationResult> {
  const failed = async (reason: string, message = "We could not register that passkey. Please try again.") => {
    await recordFailedAttempt({ orgId, userId, action: "passkey.register", method: "webauthn", reason, ip, now });
    return { ok: false, kind: "failed", reason, message } as const;
  };
  const parsed = ZRegistrationResponseSchema.safeParse(raw);
  if (!parsed.success) return failed("malformed_response");
  const response = parsed.data;
  const challenge = challengeFromClientData(response.response.clientDataJSON);
  if (!challenge) return failed("malformed_response");
  const consumed = await consumeChallenge({ challenge, binding: { ceremony: "register", userId, sessionId }, now });
  if (!consumed.ok) return failed(consumed.reason);

  const rp = relyingParty();
  let info;
  try {
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
    if (!verification.verified) return failed("verification_failed");
    info = verification.registrationInfo;
  } catch (err) {
    logger.info(
      { event: "passkey.registration_rejected", reason: err instanceof Error ? err.message : String(err) },
      "registration rejected",
    );
    return failed("verification_failed");
  }
  if (!info.userVerified) return failed("user_not_verified", "Your authenticator did not verify you (PIN or biometrics).");

  const name = chosenName ?? defaultPasskeyName({ aaguid: info.aaguid, userAgent });
  try {
    const enrolled = await db.$transaction((tx) =>
      storePasskey({ tx, userId, sessionId, viaStepUp: consumed.challenge.actionId === ADD_ACTION, info, response, name, now }),
    );
    if (!enrolled) return failed("first_factor_taken", "Your account has a passkey now: confirm with it to add another.");
    const { passkey, replaced, recoveryCodes } = enrolled;
    await recordAuditEvent({
      orgId,
      actor: { type: "user", userId },
      action: "passkey.register",
      decision: "created",
      method: "webauthn",
      detail: { passkeyId: passkey.id, name, ...(replaced ? { via: "recovery_code" } : {}) },
      ip,
      at: now,
    });
    notifySecurityEvent({ userId, event: { kind: "passkey_added", passkeyName: passkey.name }, at: now });
    return { ok: true, passkey, recoveryCodes };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return failed("credential_exists", "That passkey is already registered.");
    }
    throw err;
  }
}

type RegistrationInfo = Extract<Awaited<ReturnType<typeof verifyRegistrationResponse>>, { verified: true }>["registrationInfo"];

/**
 * The enrolment's transaction, under the user's row lock: a challenge issued without a
 * step-up (a FIRST factor, by password) is worthless once the account has a factor, or two
 * racing first enrolments (or a start before and a finish after another enrolment) would add
 * a second factor with the password alone; a challenge issued under a replacement permission
 * passes only by spending it here. null: refused. The first factor also issues the codes.
 */
async function storePasskey({
  tx,
  userId,
  sessionId,
  viaStepUp,
  info,
  response,
  name,
  now,
}: {
  tx: Db;
  userId: string;
  sessionId: string;
  viaStepUp: boolean;
  info: RegistrationInfo;
  response: z.output<typeof ZRegistrationResponseSchema>;
  name: string;
  now: Date;
}) {
  await lockUser({ tx, userId });
  const needsProof = !viaStepUp && (await countFactors({ tx, userId })) > 0;
  const replaced = needsProof ? await consumeReplacement({ tx, userId, sessionId, use: "passkey", now }) : false;
  if (needsProof && !replaced) return null;
  const passkey = await tx.passkey.create({
    data: {
      userId,
      credentialId: info.credential.id,
      publicKey: new Uint8Array(info.credential.publicKey),
      counter: BigInt(info.credential.counter),
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      transports: info.credential.transports ?? response.response.transports ?? [],
      name,
      createdAt: now,
    },
    select: { id: true, name: true },
  });
  return { passkey, replaced, recoveryCodes: await issueRecoveryCodesIfFirstFactor({ tx, userId, now }) };
}
