// Passkey sign-in: discoverable-credential options, then (inside the next-auth "passkey"
// provider) verification and a new Session row. The sign-in challenge has no user or
// session yet; the credential names the user, and UV is required as for step-up.
// A passkey sign-in is also a fresh passkey check for the new session: it mints a general
// step-up grant (the one grant writer, lib/step-up/grants.ts), so a strict action right after
// signing in does not prompt again. Safe because the sign-in assertion IS the step-up ceremony
// (same UV, origin, RP ID, counter and single-use challenge checks in verifyAssertion): it
// proves what a step-up proves, at that instant. Freshness is judged from verifiedAt like any
// grant, so it satisfies a strict rule only for that rule's 10 minutes after sign-in (moderate:
// an hour); a single-use rule (`once`) still prompts (its grant must name the action); it is
// bound to the new session and to the org it landed in, and dies with either. A password
// sign-in mints nothing.
import "server-only";
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import { issueChallenge } from "@/lib/step-up/challenges";
import { verifyAssertion } from "@/lib/step-up/verify-assertion";
import { relyingParty, CHALLENGE_TTL_SECONDS } from "@/lib/step-up/config";
import { openSession } from "@/lib/auth/sessions";
import { createGrant } from "@/lib/step-up/grants";
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
  const grant = session.currentOrgId
    ? await createGrant({
        holder: { sessionId: session.id },
        userId: verified.userId,
        orgId: session.currentOrgId,
        factor: { method: "passkey", passkeyId: verified.passkey.id },
        actionId: null,
        requirement: null,
        now,
      })
    : null;
  logger.info({ event: "auth.signed_in", userId: verified.userId, sid: session.id, method: "passkey" }, "signed in with passkey");
  await recordAuditEvent({
    orgId: session.currentOrgId,
    actor: { type: "user", userId: verified.userId },
    action: "auth.passkey_sign_in",
    decision: "succeeded",
    method: "webauthn",
    detail: { passkeyId: verified.passkey.id, grantId: grant?.id ?? null },
    ip,
    at: now,
  });
  return { userId: verified.userId, sid: session.id };
}
