// An openid-client Client for a stored connection: discovery (cached briefly per issuer, so
// a sign-in does not fetch metadata twice) and the client secret opened from its sealed form,
// in memory only for the call. openid-client validates the ID token it returns: signature
// against the issuer's JWKS, iss, aud (and azp), exp/iat, nonce, and auth_time against max_age.
// Runs outside any database transaction (it talks to the IdP).
import "server-only";
import type { BaseClient, Issuer } from "openid-client";
import { env } from "@/lib/env";
import { openSecret } from "@/lib/crypto/secret-box";
import { discoverIssuer } from "@/lib/sso/discover-issuer";
import { secretContext } from "@/lib/sso/get-connection";
import { SSO_REDIRECT_PATH } from "@/lib/sso/sso-schemas";

const CACHE_MS = 5 * 60 * 1000;
const cache = new Map<string, { issuer: Issuer; at: number }>();

export const redirectUri = () => `${env().origin}${SSO_REDIRECT_PATH}`;

export type StoredConnection = { id: string; orgId: string; issuer: string; clientId: string; clientSecretBox: string };

export async function oidcClientFor(
  connection: StoredConnection,
): Promise<{ ok: true; client: BaseClient } | { ok: false; message: string }> {
  const hit = cache.get(connection.issuer);
  let issuer = hit && Date.now() - hit.at < CACHE_MS ? hit.issuer : null;
  if (!issuer) {
    const found = await discoverIssuer(connection.issuer);
    if (!found.ok) return found;
    issuer = found.issuer;
    cache.set(connection.issuer, { issuer, at: Date.now() });
  }
  const client = new issuer.Client({
    client_id: connection.clientId,
    client_secret: openSecret(connection.clientSecretBox, secretContext(connection.orgId)),
    redirect_uris: [redirectUri()],
    response_types: ["code"],
  });
  return { ok: true, client };
}

/** Tests: forget discovered metadata (an IdP restarted on a new port, new keys). */
export function forgetDiscoveredIssuers() {
  cache.clear();
}

/**
 * The authorization request every trip to the IdP makes (sign-in and step-up alike): the code
 * flow with PKCE S256, and the attempt's state and nonce; the trip adds its own parameters
 * (login_hint, and for a step-up prompt, max_age and acr_values).
 */
export function authorizationUrl(
  client: BaseClient,
  attempt: { state: string; nonce: string; codeChallenge: string },
  params: Record<string, string | number>,
): string {
  return client.authorizationUrl({
    scope: "openid email profile",
    state: attempt.state,
    nonce: attempt.nonce,
    code_challenge: attempt.codeChallenge,
    code_challenge_method: "S256",
    ...params,
  });
}
