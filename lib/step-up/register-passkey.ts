// Passkey enrolment. Registering always starts by re-entering the account password (a
// stolen session cookie must not be able to add its own authenticator and then pass every
// step-up); a wrong password counts toward the step-up lockout. The registration challenge
// is bound to (user, session, "register"), and the new credential must have been created
// with user verification.
import "server-only";
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
} from "@simplewebauthn/server";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { verifyPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { relyingParty, CHALLENGE_TTL_SECONDS } from "@/lib/step-up/config";
import { challengeFromClientData, consumeChallenge, issueChallenge } from "@/lib/step-up/challenges";
import { lockedMessage, recordStepUpFailure, stepUpRetryAfter } from "@/lib/step-up/lockout";
import { ZRegistrationResponseSchema } from "@/lib/step-up/schemas";
import { logger } from "@/lib/log";

type Who = { userId: string; sessionId: string; orgId: string | null; now: Date; ip?: string | null };

export type StartRegistrationResult =
  | { ok: true; options: PublicKeyCredentialCreationOptionsJSON }
  | { ok: false; kind: "invalid"; message: string }
  | { ok: false; kind: "locked"; retryAfter: number; message: string };

export async function startPasskeyRegistration({
  userId,
  sessionId,
  orgId,
  password,
  now,
  ip = null,
}: Who & { password: string }): Promise<StartRegistrationResult> {
  const retryAfter = await stepUpRetryAfter({ userId, now });
  if (retryAfter > 0) return { ok: false, kind: "locked", retryAfter, message: lockedMessage(retryAfter) };

  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, name: true, passwordHash: true, passkeys: { select: { credentialId: true, transports: true } } },
  });
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordAuditEvent({ orgId, actor: { type: "user", userId }, action: "passkey.register", decision: "failed", method: "password", detail: { reason: "password_mismatch" }, ip, at: now });
    const { lockedFor } = await recordStepUpFailure({ userId, orgId, reason: "password_mismatch", now, ip });
    if (lockedFor > 0) return { ok: false, kind: "locked", retryAfter: lockedFor, message: lockedMessage(lockedFor) };
    return { ok: false, kind: "invalid", message: "That password is not right." };
  }

  const { bytes: challenge } = await issueChallenge({ binding: { ceremony: "register", userId, sessionId }, now });
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
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
  return { ok: true, options };
}

export type FinishRegistrationResult =
  | { ok: true; passkey: { id: string; name: string } }
  | { ok: false; kind: "failed"; reason: string; message: string };

export async function finishPasskeyRegistration({
  userId,
  sessionId,
  orgId,
  response: raw,
  name,
  now,
  ip = null,
}: Who & { response: unknown; name: string }): Promise<FinishRegistrationResult> {
  const failed = async (reason: string, message = "We could not register that passkey. Please try again.") => {
    await recordAuditEvent({ orgId, actor: { type: "user", userId }, action: "passkey.register", decision: "failed", method: "webauthn", detail: { reason }, ip, at: now });
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
    logger.info({ event: "passkey.registration_rejected", reason: err instanceof Error ? err.message : String(err) }, "registration rejected");
    return failed("verification_failed");
  }
  if (!info.userVerified) return failed("user_not_verified", "Your authenticator did not verify you (PIN or biometrics).");

  try {
    const passkey = await db.passkey.create({
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
    await recordAuditEvent({ orgId, actor: { type: "user", userId }, action: "passkey.register", decision: "created", method: "webauthn", detail: { passkeyId: passkey.id, name }, ip, at: now });
    return { ok: true, passkey };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return failed("credential_exists", "That passkey is already registered.");
    }
    throw err;
  }
}
