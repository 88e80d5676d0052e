// Step-up through the IdP, step 1: re-check on the server that this session may use its IdP
// for this action (sso-step-up-option.ts), record the trip (an SsoAttempt of purpose
// "step_up" bound to the session, the action and what was asked) and answer the IdP's
// authorization URL: code flow + PKCE (S256) + state + nonce, login_hint, prompt=login,
// max_age=0, and acr_values.
//
// max_age is 0 whatever the rule's TTL: the point of a step-up is a sign-in made NOW, for this
// ceremony, and the callback demands auth_time inside the ceremony (finish-sso-step-up.ts). A
// max_age of the rule's TTL (600 s for strict) would let an IdP that honours max_age but not
// prompt=login answer from a sign-in of nine minutes ago, which the callback would then have
// to refuse; 0 asks the IdP for what tiergate will accept. The grant's own life follows the
// rule as for any factor (grants.ts).
import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createAttempt } from "@/lib/sso/attempts";
import { authorizationUrl, oidcClientFor } from "@/lib/sso/oidc-client";
import { ssoStepUpOption } from "@/lib/sso/sso-step-up-option";
import { SSO_STEP_UP_ERRORS, type SsoStepUpErrorCode } from "@/lib/sso/sso-step-up-errors";
import { ZActionIdSchema } from "@/lib/step-up/schemas";
import type { CurrentSession } from "@/lib/auth/load-session";

export const ZSsoStepUpSchema = z.object({ actionId: ZActionIdSchema }).strict();

/** The max_age every step-up trip sends (see above). */
export const STEP_UP_MAX_AGE = 0;

export type StartSsoStepUpOutcome = { ok: true; url: string; binding: string } | { ok: false; code: SsoStepUpErrorCode; message: string };

export async function startSsoStepUp({
  session,
  input,
  now,
  ip,
}: {
  session: CurrentSession;
  input: unknown;
  now: Date;
  ip: string | null;
}): Promise<StartSsoStepUpOutcome> {
  const parsed = ZSsoStepUpSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid", message: SSO_STEP_UP_ERRORS.invalid };
  const { actionId } = parsed.data;
  const actor = { type: "user", userId: session.user.id, email: session.user.email } as const;
  const refuse = async (code: SsoStepUpErrorCode, reason: string): Promise<StartSsoStepUpOutcome> => {
    await recordAuditEvent({
      orgId: session.org.id,
      actor,
      action: "step_up.sso_start",
      decision: "refused",
      method: "oidc",
      detail: { reason, forAction: actionId },
      ip,
      at: now,
    });
    return { ok: false, code, message: SSO_STEP_UP_ERRORS[code] };
  };

  const option = await ssoStepUpOption({ sessionId: session.sid, userId: session.user.id, orgId: session.org.id, actionId, now });
  if (!option.ok) return refuse(option.code, option.reason);
  const made = await oidcClientFor(option.connection);
  if (!made.ok) return refuse("idp_unavailable", `idp_unavailable:${made.message.slice(0, 200)}`);
  const acr = option.acrValues.join(" ");
  const attempt = await createAttempt({
    connectionId: option.connection.id,
    purpose: "step_up",
    returnTo: "/",
    now,
    step: { sessionId: session.sid, actionId, maxAge: STEP_UP_MAX_AGE, acr },
  });
  const url = authorizationUrl(made.client, attempt, {
    login_hint: session.user.email,
    prompt: "login",
    max_age: STEP_UP_MAX_AGE,
    acr_values: acr,
  });
  return { ok: true, url, binding: attempt.binding };
}
