// Step-up through the IdP, step 2: the ID token verify-callback.ts accepted (state + binding
// cookie spent once, PKCE, signature, iss, aud, exp, nonce) becomes a grant only if it proves
// a NEW sign-in, by the session's own IdP user, strong enough for the action:
//   - the session the trip was started for is still live and still looking at the org the
//     trip was made in (a revoked session, a switched org: refused);
//   - the server decision of the start still holds (sso-step-up-option.ts: SSO session of this
//     connection, plan with SSO, a rule that accepts `oidc`, a mapped acr);
//   - sub is the subject linked to this user at this connection;
//   - auth_time is present and no earlier than the trip's start minus AUTH_TIME_SKEW_SECONDS:
//     an IdP that ignored max_age=0 and prompt=login answers from an older sign-in, and that
//     proves nothing about who holds the browser now;
//   - the acr maps (the connection's map, read now) onto a strength the rule accepts.
// The grant is minted by the one grant writer (grants.ts), method `oidc`, with the acr, the
// auth_time and the mapped strength; its age counts from auth_time (the moment of the proof,
// as a passkey grant's counts from its assertion).
import "server-only";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { loadSession } from "@/lib/auth/load-session";
import { isActionId, strengthAtLeast, type ActionId } from "@/lib/licensing/policy";
import { createGrant } from "@/lib/step-up/grants";
import { ssoStepUpOption, strengthOfAcr } from "@/lib/sso/sso-step-up-option";
import type { SsoStepUpErrorCode } from "@/lib/sso/sso-step-up-errors";
import type { Attempt, IdTokenClaims } from "@/lib/sso/verify-callback";

/**
 * How much earlier than the trip's start auth_time may be: auth_time is in whole seconds and
 * the IdP's clock may lag ours a little; a sign-in further back than this was not made for
 * this ceremony.
 */
export const AUTH_TIME_SKEW_SECONDS = 5;

export type SsoStepUpOutcome =
  { ok: true; actionId: ActionId; grantId: string } | { ok: false; code: SsoStepUpErrorCode; reason: string; userId?: string };

export async function finishSsoStepUp({
  attempt,
  claims,
  now,
}: {
  attempt: Attempt;
  claims: IdTokenClaims;
  now: Date;
}): Promise<SsoStepUpOutcome> {
  const actionId = attempt.actionId;
  if (!attempt.sessionId || !isActionId(actionId)) return { ok: false, code: "invalid_link", reason: "attempt_without_step" };
  const session = await loadSession(attempt.sessionId, now);
  if (!session) return { ok: false, code: "session_ended", reason: "session_ended" };
  const userId = session.user.id;
  if (session.org.id !== attempt.connection.orgId) return { ok: false, code: "wrong_org", reason: `wrong_org:${session.org.id}`, userId };
  const option = await ssoStepUpOption({ sessionId: session.sid, userId, orgId: session.org.id, actionId, now });
  if (!option.ok) return { ...option, userId };
  if (option.connection.id !== attempt.connectionId) return { ok: false, code: "not_sso_session", reason: "connection_replaced", userId };
  if (claims.sub !== option.subject) return { ok: false, code: "wrong_subject", reason: `wrong_subject:${claims.sub}`, userId };
  if (typeof claims.auth_time !== "number" || !Number.isFinite(claims.auth_time)) {
    return { ok: false, code: "no_auth_time", reason: "no_auth_time", userId };
  }
  const authTime = new Date(claims.auth_time * 1000);
  const earliest = attempt.createdAt.getTime() - AUTH_TIME_SKEW_SECONDS * 1000;
  if (authTime.getTime() < earliest) {
    const late = Math.round((attempt.createdAt.getTime() - authTime.getTime()) / 1000);
    return { ok: false, code: "stale_auth_time", reason: `stale_auth_time:${late}s_before_start`, userId };
  }
  const strength = strengthOfAcr(option.connection.acrMap, claims.acr);
  if (!strength || !strengthAtLeast(strength, option.requirement.minStrength)) {
    const acr = typeof claims.acr === "string" ? claims.acr.slice(0, 200) : "none";
    return { ok: false, code: "acr_too_weak", reason: `acr_too_weak:${acr}<${option.requirement.minStrength}`, userId };
  }
  const acr = claims.acr as string;
  const provedAt = authTime.getTime() < now.getTime() ? authTime : now;
  const grant = await db.$transaction(async (tx) => {
    const minted = await createGrant({
      tx,
      holder: { sessionId: session.sid },
      userId,
      orgId: session.org.id,
      factor: { method: "oidc", strength, acr, authTime },
      actionId,
      requirement: option.requirement,
      now: provedAt,
    });
    await recordAuditEvent({
      tx,
      orgId: session.org.id,
      actor: { type: "user", userId, email: session.user.email },
      action: "step_up.verify",
      decision: "succeeded",
      method: "oidc",
      detail: { grantId: minted.id, level: minted.level, forAction: actionId, acr, authTime: authTime.toISOString(), strength },
      at: now,
    });
    return minted;
  });
  return { ok: true, actionId, grantId: grant.id };
}
