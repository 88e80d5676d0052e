// "Continue with SSO": the email's domain picks the connection; its org's plan must still
// have SSO (a downgraded org's people are told to use their password or passkey). The
// browser is sent to the IdP with code flow + PKCE (S256) + state + nonce, login_hint = email.
import "server-only";
import { z } from "zod";
import { now as clockNow } from "@/lib/clock";
import { safeCallbackUrl } from "@/lib/http/safe-callback-url";
import { createAttempt } from "@/lib/sso/attempts";
import { findConnectionForEmail } from "@/lib/sso/find-connection";
import { authorizationUrl, oidcClientFor } from "@/lib/sso/oidc-client";

export const ZStartSsoSchema = z.object({ email: z.email().max(254), callbackUrl: z.string().max(2000).optional() });

export type StartSsoOutcome =
  | { ok: true; url: string; binding: string }
  | { ok: false; reason: "invalid" | "no_connection" | "plan" | "idp_unavailable"; message: string };

export async function startSsoSignIn({ input }: { input: unknown }): Promise<StartSsoOutcome> {
  const parsed = ZStartSsoSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", message: "Enter your work email address." };
  const now = await clockNow();
  const found = await findConnectionForEmail({ email: parsed.data.email, now });
  if (!found)
    return {
      ok: false,
      reason: "no_connection",
      message: "Your email's domain does not use single sign-on. Sign in with your password or a passkey.",
    };
  if (!found.enabled) {
    return {
      ok: false,
      reason: "plan",
      message: `Single sign-on is off for ${found.orgName}: its plan no longer includes it. Sign in with your password or passkey (no password yet? use "Forgot password?").`,
    };
  }
  const made = await oidcClientFor(found.connection);
  if (!made.ok)
    return { ok: false, reason: "idp_unavailable", message: `Your identity provider cannot be reached right now. ${made.message}` };
  const attempt = await createAttempt({
    connectionId: found.connection.id,
    purpose: "sign_in",
    returnTo: safeCallbackUrl(parsed.data.callbackUrl),
    now,
  });
  const url = authorizationUrl(made.client, attempt, { login_hint: parsed.data.email });
  return { ok: true, url, binding: attempt.binding };
}
