// The IdP's answer, verified: the attempt this browser started (state + binding cookie, spent
// once), then the code exchanged with the PKCE verifier and the ID token checked by
// openid-client (JWKS signature, iss, aud, exp, nonce).
// Every refusal has a reason for the audit row and a sentence for the person.
import "server-only";
import { errors } from "openid-client";
import { consumeAttempt } from "@/lib/sso/attempts";
import { oidcClientFor, redirectUri } from "@/lib/sso/oidc-client";
import type { SsoErrorCode } from "@/lib/sso/sso-errors";

export type IdTokenClaims = { sub: string; email?: unknown; email_verified?: unknown; name?: unknown; auth_time?: number; acr?: unknown };
export type Attempt = NonNullable<Awaited<ReturnType<typeof consumeAttempt>>>;
export type CallbackRefusal = { ok: false; code: SsoErrorCode; reason: string; attempt: Attempt | null };

export async function verifyCallback({
  url,
  binding,
  now,
}: {
  url: URL;
  binding: string;
  now: Date;
}): Promise<{ ok: true; attempt: Attempt; claims: IdTokenClaims } | CallbackRefusal> {
  const state = url.searchParams.get("state") ?? "";
  const attempt = await consumeAttempt({ state, binding, now });
  if (!attempt) {
    return { ok: false, code: "invalid_link", reason: state ? "unknown_state" : "missing_state", attempt: null };
  }
  const made = await oidcClientFor(attempt.connection);
  if (!made.ok) return { ok: false, code: "idp_unavailable", reason: `idp_unavailable:${made.message.slice(0, 200)}`, attempt };
  try {
    const params = made.client.callbackParams(url.href);
    const tokens = await made.client.callback(redirectUri(), params, {
      state,
      nonce: attempt.nonce,
      code_verifier: attempt.codeVerifier,
      response_type: "code",
      // No max_age here: a step-up's auth_time is held to the ceremony itself
      // (finish-sso-step-up.ts), which is stricter, and openid-client's own max_age check has no
      // clock tolerance: with max_age=0 it refuses an honest sign-in finished a second earlier.
    });
    return { ok: true, attempt, claims: tokens.claims() as IdTokenClaims };
  } catch (err) {
    if (err instanceof errors.OPError) {
      return { ok: false, code: "idp_refused", reason: `idp_error:${err.error}`, attempt };
    }
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, code: "token_invalid", reason: `id_token_invalid:${detail.slice(0, 200)}`, attempt };
  }
}
