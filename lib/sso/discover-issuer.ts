// OpenID discovery for a connection, with the failures an owner can act on spelled out:
// unreachable, not an OpenID provider, metadata that names another issuer, or a provider
// that cannot do what tiergate requires (code flow, PKCE S256, a JWKS). Bounded: never a
// request that hangs the form. Runs outside any database transaction.
import "server-only";
import { Issuer, custom } from "openid-client";

export type DiscoveredIssuer = { issuer: Issuer; summary: { issuer: string; authorizationEndpoint: string; acrValues: string[] } };
export type DiscoveryFailure = { ok: false; message: string };

const TIMEOUT_MS = 5_000;

export async function discoverIssuer(issuerUrl: string): Promise<({ ok: true } & DiscoveredIssuer) | DiscoveryFailure> {
  custom.setHttpOptionsDefaults({ timeout: TIMEOUT_MS });
  let issuer: Issuer;
  try {
    issuer = await Issuer.discover(`${issuerUrl}/.well-known/openid-configuration`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    const unreachable = code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "ECONNRESET";
    return {
      ok: false,
      message: unreachable
        ? `Could not reach ${issuerUrl} (${code}). Check the URL and that tiergate's server can reach it.`
        : `${issuerUrl} did not answer with OpenID Connect discovery metadata at /.well-known/openid-configuration.`,
    };
  }
  const m = issuer.metadata;
  if (String(m.issuer).replace(/\/+$/, "") !== issuerUrl) {
    return { ok: false, message: `The metadata names another issuer (${m.issuer}); enter exactly that URL.` };
  }
  const missing = [
    !m.authorization_endpoint && "an authorization endpoint",
    !m.token_endpoint && "a token endpoint",
    !m.jwks_uri && "a JWKS (jwks_uri)",
    Array.isArray(m.response_types_supported) && !m.response_types_supported.includes("code") && "the authorization code flow",
    Array.isArray(m.code_challenge_methods_supported) && !m.code_challenge_methods_supported.includes("S256") && "PKCE with S256",
  ].filter(Boolean);
  if (missing.length) return { ok: false, message: `The identity provider's metadata lacks ${missing.join(", ")}.` };
  const acrValues = Array.isArray(m.acr_values_supported) ? m.acr_values_supported.map(String) : [];
  return { ok: true, issuer, summary: { issuer: issuerUrl, authorizationEndpoint: String(m.authorization_endpoint), acrValues } };
}
