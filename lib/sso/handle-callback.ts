// The IdP's redirect back, end to end: verify (verify-callback.ts), then finish the purpose
// the attempt was made for. A refusal is audited on the connection's org (when the attempt
// is known) with its reason, and answered with the sentence the person sees.
import "server-only";
import { now as clockNow } from "@/lib/clock";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { logger } from "@/lib/log";
import { verifyCallback } from "@/lib/sso/verify-callback";
import { finishSsoSignIn } from "@/lib/sso/finish-sso-sign-in";
import { SSO_ERRORS, type SsoErrorCode } from "@/lib/sso/sso-errors";

export type CallbackOutcome =
  { ok: true; kind: "sign_in"; ticket: string; returnTo: string } | { ok: false; code: SsoErrorCode; message: string };

export async function handleSsoCallback({ url, binding }: { url: URL; binding: string }): Promise<CallbackOutcome> {
  const now = await clockNow();
  const verified = await verifyCallback({ url, binding, now });
  const orgId = verified.attempt?.connection.orgId ?? null;
  const outcome = verified.ok ? await finishSsoSignIn({ attempt: verified.attempt, claims: verified.claims, now }) : verified;
  if (outcome.ok) return { ok: true, kind: "sign_in", ticket: outcome.ticket, returnTo: outcome.returnTo };
  if (orgId) {
    await recordAuditEvent({
      orgId,
      actor: { type: "anonymous" },
      action: "sso.sign_in",
      decision: "refused",
      detail: { reason: outcome.reason },
      at: now,
    });
  } else {
    logger.info({ event: "sso.callback_refused", reason: outcome.reason }, "sso callback refused");
  }
  return { ok: false, code: outcome.code, message: SSO_ERRORS[outcome.code] };
}
