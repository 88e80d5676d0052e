// Passkey sign-in: discoverable-credential options, then (inside the next-auth "passkey"
// provider) verification and a new Session row. The sign-in challenge has no user or
// session yet; the credential names the user, and UV is required as for step-up.
import "server-only";
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import { issueChallenge } from "@/lib/step-up/challenges";
import { verifyAssertion } from "@/lib/step-up/verify-assertion";
import { relyingParty, CHALLENGE_TTL_SECONDS } from "@/lib/step-up/config";
import { openSession } from "@/lib/auth/sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { logger } from "@/lib/log";

export async function startPasskeySignIn({ now }: { now: Date }) {
  const { bytes } = await issueChallenge({ binding: { ceremony: "signin", userId: null, sessionId: null }, now });
  return generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    challenge: bytes,
    timeout: CHALLENGE_TTL_SECONDS * 1000,
    userVerification: "required",
  });
}

export async function signInWithPasskey({ response, now, ip, userAgent }: { response: unknown; now: Date; ip: string; userAgent: string }) {
  const verified = await verifyAssertion({ response, binding: { ceremony: "signin", userId: null, sessionId: null }, now });
  if (!verified.ok) {
    await recordAuditEvent({
      orgId: null,
      actor: verified.userId ? { type: "user", userId: verified.userId } : { type: "anonymous" },
      action: "auth.passkey_sign_in",
      decision: "failed",
      method: "webauthn",
      detail: { reason: verified.reason },
      ip,
      at: now,
    });
    return null;
  }
  const session = await openSession({ userId: verified.userId, ip, userAgent });
  logger.info({ event: "auth.signed_in", userId: verified.userId, sid: session.id, method: "passkey" }, "signed in with passkey");
  await recordAuditEvent({
    orgId: session.currentOrgId,
    actor: { type: "user", userId: verified.userId },
    action: "auth.passkey_sign_in",
    decision: "succeeded",
    method: "webauthn",
    detail: { passkeyId: verified.passkey.id },
    ip,
    at: now,
  });
  return { userId: verified.userId, sid: session.id };
}
