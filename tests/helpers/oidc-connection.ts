// SSO test setup: an Enterprise org with a connection to a (real or adversary) IdP, and the
// whole sign-in trip driven the way a browser makes it: start → IdP login → callback → ticket.
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { sealSecret } from "@/lib/crypto/secret-box";
import { secretContext } from "@/lib/sso/get-connection";
import { startSsoSignIn } from "@/lib/sso/start-sso-sign-in";
import { handleSsoCallback } from "@/lib/sso/handle-callback";
import { TEST_CLIENT, TEST_REDIRECT_URI } from "@/tests/helpers/oidc-idp";
import { IdpBrowser, type IdpLogin } from "@/tests/helpers/oidc-browser";
import { createUserWithOrg } from "@/tests/helpers/factories";
import type { PlanId } from "@/lib/licensing/policy";

export const uniqueDomain = () => `sso-${crypto.randomUUID().slice(0, 8)}.example`;

export async function orgWithConnection({
  issuer,
  plan = "enterprise",
  domain = uniqueDomain(),
  requireSso = false,
  acrMap = {},
}: {
  issuer: string;
  plan?: PlanId;
  domain?: string;
  requireSso?: boolean;
  acrMap?: Record<string, string>;
}) {
  const { user: owner, org } = await createUserWithOrg({ plan, email: `owner@${domain}` });
  const connection = await db.ssoConnection.create({
    data: {
      orgId: org.id,
      issuer,
      clientId: TEST_CLIENT.clientId,
      clientSecretBox: sealSecret(TEST_CLIENT.clientSecret, secretContext(org.id)),
      requireSso,
      acrMap,
      domains: { create: [{ domain }] },
    },
  });
  return { org, owner, connection, domain };
}

/** Starts a sign-in for `email` and returns the authorization URL and this "browser"'s binding. */
export async function startTrip(email: string, callbackUrl = "/dashboard") {
  const started = await startSsoSignIn({ input: { email, callbackUrl } });
  if (!started.ok) throw new Error(`start refused: ${started.message}`);
  const auth = new URL(started.url);
  return { ...started, state: auth.searchParams.get("state")!, nonce: auth.searchParams.get("nonce")! };
}

/** The whole trip through the real IdP; returns the callback's outcome. */
export async function signInThroughIdp({
  email,
  login,
  browser = new IdpBrowser(),
}: {
  email: string;
  login?: IdpLogin;
  browser?: IdpBrowser;
}) {
  const trip = await startTrip(email);
  const back = await browser.authorize(trip.url, login ?? { email }, TEST_REDIRECT_URI);
  return { trip, back, outcome: await handleSsoCallback({ url: back, binding: trip.binding }) };
}
