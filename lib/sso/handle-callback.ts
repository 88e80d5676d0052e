// The IdP's redirect back, end to end: verify (verify-callback.ts), then finish the purpose
// the attempt was made for: a sign-in (finish-sso-sign-in.ts) or a step-up of a live session
// (finish-sso-step-up.ts). A refusal is audited on the connection's org (when the attempt
// is known) with its reason, and answered with the sentence the person sees.
import "server-only";
import { now as clockNow } from "@/lib/clock";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { logger } from "@/lib/log";
import { verifyCallback } from "@/lib/sso/verify-callback";
import { finishSsoSignIn } from "@/lib/sso/finish-sso-sign-in";
import { finishSsoStepUp } from "@/lib/sso/finish-sso-step-up";
import { isStepUpBinding } from "@/lib/sso/attempts";
import { SSO_ERRORS, type SsoErrorCode } from "@/lib/sso/sso-errors";
import { SSO_STEP_UP_ERRORS, type SsoStepUpErrorCode } from "@/lib/sso/sso-step-up-errors";

export type CallbackOutcome =
  | { ok: true; kind: "sign_in"; ticket: string; returnTo: string }
  | { ok: true; kind: "step_up"; actionId: string }
  | { ok: false; kind: "sign_in"; code: SsoErrorCode; message: string }
  | { ok: false; kind: "step_up"; code: SsoStepUpErrorCode; message: string };

export async function handleSsoCallback({ url, binding }: { url: URL; binding: string }): Promise<CallbackOutcome> {
  const now = await clockNow();
  const verified = await verifyCallback({ url, binding, now });
  const attempt = verified.attempt;
  // An unknown attempt has no purpose to read: the binding cookie's form says which trip this
  // browser was on, so a spent step-up link still answers in its popup.
  const stepUp = attempt ? attempt.purpose === "step_up" : isStepUpBinding(binding);
  if (stepUp) {
    const outcome = verified.ok ? await finishSsoStepUp({ attempt: verified.attempt, claims: verified.claims, now }) : verified;
    if (outcome.ok) return { ok: true, kind: "step_up", actionId: outcome.actionId };
    if (attempt) {
      const userId = "userId" in outcome ? outcome.userId : undefined;
      await recordAuditEvent({
        orgId: attempt.connection.orgId,
        actor: userId ? { type: "user", userId } : { type: "anonymous" },
        action: "step_up.verify",
        decision: "refused",
        method: "oidc",
        detail: { reason: outcome.reason, forAction: attempt.actionId, sessionId: attempt.sessionId },
        at: now,
      });
    } else {
      logger.info({ event: "sso.step_up_callback_refused", reason: outcome.reason }, "sso step-up callback refused");
    }
    // verify-callback's refusals (invalid_link, idp_*, token_invalid) have step-up sentences too.
    const code = (Object.hasOwn(SSO_STEP_UP_ERRORS, outcome.code) ? outcome.code : "token_invalid") as SsoStepUpErrorCode;
    return { ok: false, kind: "step_up", code, message: SSO_STEP_UP_ERRORS[code] };
  }
  const outcome = verified.ok ? await finishSsoSignIn({ attempt: verified.attempt, claims: verified.claims, now }) : verified;
  if (outcome.ok) return { ok: true, kind: "sign_in", ticket: outcome.ticket, returnTo: outcome.returnTo };
  if (attempt) {
    await recordAuditEvent({
      orgId: attempt.connection.orgId,
      actor: { type: "anonymous" },
      action: "sso.sign_in",
      decision: "refused",
      detail: { reason: outcome.reason },
      at: now,
    });
  } else {
    logger.info({ event: "sso.callback_refused", reason: outcome.reason }, "sso callback refused");
  }
  return { ok: false, kind: "sign_in", code: outcome.code, message: SSO_ERRORS[outcome.code] };
}
