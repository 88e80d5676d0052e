// Attacks on SSO sign-in (issue 15) against the real OpenID provider, and, for ID tokens the
// real provider would never sign (another audience, an unknown key, expired, another issuer),
// an adversary IdP that signs whatever it is told. Each is refused with a message, audited on
// the org, and creates no user, membership, identity link or session.
import http from "node:http";
import { generateKeyPair, exportJWK, SignJWT, type KeyLike } from "jose";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { handleSsoCallback } from "@/lib/sso/handle-callback";
import { redeemSsoTicket } from "@/lib/sso/redeem-sso-ticket";
import { startSsoSignIn } from "@/lib/sso/start-sso-sign-in";
import { forgetDiscoveredIssuers } from "@/lib/sso/oidc-client";
import { startTestIdpForFile, TEST_CLIENT, TEST_REDIRECT_URI } from "@/tests/helpers/oidc-idp";
import { IdpBrowser } from "@/tests/helpers/oidc-browser";
import { orgWithConnection, signInThroughIdp, startTrip, uniqueDomain } from "@/tests/helpers/oidc-connection";
import { freePort } from "@/scripts/lib/free-port";
import { createUserWithOrg } from "@/tests/helpers/factories";

const idp = startTestIdpForFile();

async function nothingWritten(email: string, orgId: string) {
  expect(await db.user.count({ where: { email } })).toBe(0);
  expect(await db.ssoIdentity.count({ where: { connection: { orgId } } })).toBe(0);
  expect(await db.session.count({ where: { ssoConnection: { orgId } } })).toBe(0);
}
async function refusedAudit(orgId: string) {
  return db.auditEvent.findFirst({ where: { orgId, action: "sso.sign_in", decision: "refused" }, orderBy: { id: "desc" } });
}

describe("sso sign-in: a new IdP user is provisioned as a member, the session records SSO", () => {
  it("signs in, joins the org as member with a verified address, and the session names connection, subject and auth_time", async () => {
    const { org, connection, domain } = await orgWithConnection({ issuer: idp.current.issuer });
    const email = `new-${crypto.randomUUID().slice(0, 6)}@${domain}`;
    idp.current.addUser({ sub: `sub-${email}`, email, emailVerified: true, name: "New Person", password: "idp-demo" });
    const { outcome } = await signInThroughIdp({ email });
    if (!outcome.ok || outcome.kind !== "sign_in") throw new Error(outcome.ok ? outcome.kind : outcome.message);
    const signedIn = await redeemSsoTicket({ ticket: outcome.ticket, ip: "127.0.0.1", userAgent: "test" });
    expect(signedIn).not.toBeNull();
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.memberships.map((m) => [m.orgId, m.role])).toEqual([[org.id, "member"]]);
    const session = await db.session.findUniqueOrThrow({ where: { id: signedIn!.sid } });
    expect(session).toMatchObject({ ssoConnectionId: connection.id, ssoSubject: `sub-${email}`, currentOrgId: org.id });
    expect(Math.abs(session.ssoAuthTime!.getTime() - Date.now())).toBeLessThan(60_000);
    // A second sign-in matches the linked subject: still one user, one membership.
    const again = await signInThroughIdp({ email });
    expect(again.outcome.ok).toBe(true);
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(1);
  });

  it("an existing tiergate account with the IdP-verified email joins the org (matched, not duplicated)", async () => {
    const { org, domain } = await orgWithConnection({ issuer: idp.current.issuer });
    const email = `known-${crypto.randomUUID().slice(0, 6)}@${domain}`;
    const { user } = await createUserWithOrg({ email });
    idp.current.addUser({ sub: `sub-${email}`, email, emailVerified: true, name: "Known", password: "idp-demo" });
    const { outcome } = await signInThroughIdp({ email });
    expect(outcome.ok).toBe(true);
    expect(await db.membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: user.id } } })).toMatchObject({
      role: "member",
    });
  });
});

describe("attack: wrong or missing state", () => {
  it("a callback without state, or with a state nobody issued, is refused and writes nothing", async () => {
    const { org, domain } = await orgWithConnection({ issuer: idp.current.issuer });
    const email = `ada-${crypto.randomUUID().slice(0, 6)}@${domain}`;
    idp.current.addUser({ sub: `s-${email}`, email, emailVerified: true, name: "A", password: "idp-demo" });
    const trip = await startTrip(email);
    const back = await new IdpBrowser().authorize(trip.url, { email }, TEST_REDIRECT_URI);
    const missing = new URL(back);
    missing.searchParams.delete("state");
    expect(await handleSsoCallback({ url: missing, binding: trip.binding })).toMatchObject({
      ok: false,
      code: "invalid_link",
    });
    const wrong = new URL(back);
    wrong.searchParams.set("state", "forged-state");
    expect((await handleSsoCallback({ url: wrong, binding: trip.binding })).ok).toBe(false);
    await nothingWritten(email, org.id);
  });

  it("a callback carried to another browser (no binding cookie: login CSRF) is refused", async () => {
    const { org, domain } = await orgWithConnection({ issuer: idp.current.issuer });
    const email = `csrf-${crypto.randomUUID().slice(0, 6)}@${domain}`;
    idp.current.addUser({ sub: `s-${email}`, email, emailVerified: true, name: "A", password: "idp-demo" });
    const trip = await startTrip(email);
    const back = await new IdpBrowser().authorize(trip.url, { email }, TEST_REDIRECT_URI);
    expect((await handleSsoCallback({ url: back, binding: "" })).ok).toBe(false);
    expect((await handleSsoCallback({ url: back, binding: "another-browser" })).ok).toBe(false);
    await nothingWritten(email, org.id);
  });
});

describe("attack: a replayed callback", () => {
  it("the same code + state a second time is refused (the attempt is spent), and a ticket redeems once", async () => {
    const { domain, org } = await orgWithConnection({ issuer: idp.current.issuer });
    const email = `replay-${crypto.randomUUID().slice(0, 6)}@${domain}`;
    idp.current.addUser({ sub: `s-${email}`, email, emailVerified: true, name: "A", password: "idp-demo" });
    const { trip, back, outcome } = await signInThroughIdp({ email });
    expect(outcome.ok).toBe(true);
    expect((await handleSsoCallback({ url: back, binding: trip.binding })).ok).toBe(false);
    const ticket = (outcome as { ticket: string }).ticket;
    expect(await redeemSsoTicket({ ticket, ip: "1", userAgent: "a" })).not.toBeNull();
    expect(await redeemSsoTicket({ ticket, ip: "1", userAgent: "a" })).toBeNull();
    expect(await db.session.count({ where: { ssoConnection: { orgId: org.id } } })).toBe(1);
  });
});

describe("attack: a mismatched nonce", () => {
  it("an ID token whose nonce is not the attempt's is refused", async () => {
    const { org, domain } = await orgWithConnection({ issuer: idp.current.issuer });
    const email = `nonce-${crypto.randomUUID().slice(0, 6)}@${domain}`;
    idp.current.addUser({ sub: `s-${email}`, email, emailVerified: true, name: "A", password: "idp-demo" });
    const trip = await startTrip(email);
    const back = await new IdpBrowser().authorize(trip.url, { email }, TEST_REDIRECT_URI);
    await db.ssoAttempt.updateMany({ where: { connection: { orgId: org.id } }, data: { nonce: "another-nonce" } });
    const outcome = await handleSsoCallback({ url: back, binding: trip.binding });
    expect(outcome).toMatchObject({ ok: false, code: "token_invalid" });
    expect((await refusedAudit(org.id))?.detail).toMatchObject({ reason: expect.stringContaining("nonce") });
    await nothingWritten(email, org.id);
  });
});

describe("attack: an IdP user whose email is not verified", () => {
  it("is refused with a message that says so; no account, no membership", async () => {
    const { org, domain } = await orgWithConnection({ issuer: idp.current.issuer });
    const email = `unverified-${crypto.randomUUID().slice(0, 6)}@${domain}`;
    idp.current.addUser({ sub: `s-${email}`, email, emailVerified: false, name: "U", password: "idp-demo" });
    const { outcome } = await signInThroughIdp({ email });
    expect(outcome).toMatchObject({ ok: false, code: "email_unverified", message: expect.stringContaining("has not verified your email") });
    expect((await refusedAudit(org.id))?.detail).toMatchObject({ reason: `email_unverified:${email}` });
    await nothingWritten(email, org.id);
  });
});

describe("attack: an IdP asserting an address on a domain its org does not serve", () => {
  it("an org's IdP cannot sign someone in as another org's user", async () => {
    const victimDomain = uniqueDomain();
    const { user: victim } = await createUserWithOrg({ email: `ceo@${victimDomain}` });
    const { org, domain } = await orgWithConnection({ issuer: idp.current.issuer });
    const login = `attacker-${crypto.randomUUID().slice(0, 6)}@${domain}`;
    // The attacker's IdP account carries the victim's address.
    idp.current.addUser({ sub: `s-${login}`, email: victim.email, emailVerified: true, name: "X", password: "idp-demo" });
    idp.current.addUser({ sub: `login-${login}`, email: login, emailVerified: true, name: "X", password: "idp-demo" });
    const trip = await startTrip(login);
    const browser = new IdpBrowser();
    const back = await browser.authorize(trip.url, { email: victim.email }, TEST_REDIRECT_URI);
    const outcome = await handleSsoCallback({ url: back, binding: trip.binding });
    expect(outcome).toMatchObject({ ok: false, code: "foreign_domain", message: expect.stringContaining("not on a domain") });
    expect(await db.membership.count({ where: { userId: victim.id, orgId: org.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: victim.id } })).toBe(0);
  });
});

describe("attack: SSO sign-in for an org whose plan lost the feature", () => {
  it("is refused at the start with a message that points to password and passkey", async () => {
    const { domain } = await orgWithConnection({ issuer: idp.current.issuer, plan: "pro" });
    const outcome = await startSsoSignIn({ input: { email: `someone@${domain}` } });
    expect(outcome).toMatchObject({ ok: false, reason: "plan", message: expect.stringContaining("Sign in with your password or passkey") });
    expect(await db.ssoAttempt.count({ where: { connection: { domains: { some: { domain } } } } })).toBe(0);
  });

  it("a malformed start body is refused as invalid", async () => {
    for (const input of [null, {}, { email: "not-an-email" }, { email: 5 }]) {
      expect(await startSsoSignIn({ input })).toMatchObject({ ok: false, reason: "invalid" });
    }
  });
});

// ── ID tokens the real provider would never sign: an adversary IdP ───────────────────────

type Forge = (claims: Record<string, unknown>) => Promise<string>;
let adversary: { issuer: string; stop: () => void; setForge: (f: Forge) => void };
let goodKey: KeyLike;
let strangerKey: KeyLike;

beforeAll(async () => {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  goodKey = (await generateKeyPair("RS256")).privateKey;
  const good = await generateKeyPair("RS256");
  goodKey = good.privateKey;
  strangerKey = (await generateKeyPair("RS256")).privateKey;
  const jwk = { ...(await exportJWK(good.publicKey)), kid: "good", alg: "RS256", use: "sig" };
  let forge: Forge = async () => "";
  let lastNonce = "";
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    res.setHeader("content-type", "application/json");
    if (url.pathname === "/.well-known/openid-configuration") {
      return res.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          code_challenge_methods_supported: ["S256"],
          id_token_signing_alg_values_supported: ["RS256"],
          subject_types_supported: ["public"],
        }),
      );
    }
    if (url.pathname === "/jwks") return res.end(JSON.stringify({ keys: [jwk] }));
    if (url.pathname === "/auth") {
      lastNonce = url.searchParams.get("nonce") ?? "";
      return res.end("{}");
    }
    if (url.pathname === "/token") {
      const id_token = await forge({ nonce: lastNonce });
      return res.end(JSON.stringify({ access_token: "at", token_type: "Bearer", expires_in: 60, id_token }));
    }
    res.statusCode = 404;
    res.end("{}");
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  adversary = { issuer, stop: () => server.close(), setForge: (f) => (forge = f) };
});
afterAll(() => adversary?.stop());

const sign = (key: KeyLike, claims: Record<string, unknown>, kid = "good") =>
  new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).sign(key);

describe.each([
  ["for another audience", (c: Record<string, unknown>) => sign(goodKey, { ...c, aud: "someone-else" }), "aud"],
  ["signed by an unknown key", (c: Record<string, unknown>) => sign(strangerKey, c, "good"), "signature"],
  [
    "expired",
    (c: Record<string, unknown>) => sign(goodKey, { ...c, iat: (c.iat as number) - 7200, exp: (c.iat as number) - 3600 }),
    "expired",
  ],
  ["from another issuer", (c: Record<string, unknown>) => sign(goodKey, { ...c, iss: "https://evil.example" }), "iss"],
])("attack: an ID token %s", (_name, forge, word) => {
  it(`is refused (${word}) and writes nothing`, async () => {
    forgetDiscoveredIssuers();
    const { org, domain } = await orgWithConnection({ issuer: adversary.issuer });
    const email = `forged-${crypto.randomUUID().slice(0, 6)}@${domain}`;
    const trip = await startTrip(email);
    await fetch(trip.url); // the adversary records the nonce, as a real IdP would carry it
    const now = Math.floor(Date.now() / 1000);
    const base = {
      iss: adversary.issuer,
      aud: TEST_CLIENT.clientId,
      sub: "forged",
      email,
      email_verified: true,
      iat: now,
      exp: now + 300,
      auth_time: now,
    };
    adversary.setForge(async ({ nonce }) => forge({ ...base, nonce }));
    const back = new URL(`${TEST_REDIRECT_URI}?code=any&state=${trip.state}`);
    const outcome = await handleSsoCallback({ url: back, binding: trip.binding });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining("could not be verified") });
    expect((await refusedAudit(org.id))?.detail).toMatchObject({ reason: expect.stringContaining("id_token_invalid") });
    await nothingWritten(email, org.id);
  });

  it("(control) the same adversary with an honest token signs in: the refusal above is the check, not the harness", async () => {
    forgetDiscoveredIssuers();
    const { domain } = await orgWithConnection({ issuer: adversary.issuer });
    const email = `honest-${crypto.randomUUID().slice(0, 6)}@${domain}`;
    const trip = await startTrip(email);
    await fetch(trip.url);
    const now = Math.floor(Date.now() / 1000);
    adversary.setForge(async ({ nonce }) =>
      sign(goodKey, {
        iss: adversary.issuer,
        aud: TEST_CLIENT.clientId,
        sub: `h-${email}`,
        email,
        email_verified: true,
        iat: now,
        exp: now + 300,
        auth_time: now,
        nonce,
      }),
    );
    const outcome = await handleSsoCallback({ url: new URL(`${TEST_REDIRECT_URI}?code=any&state=${trip.state}`), binding: trip.binding });
    expect(outcome.ok).toBe(true);
  });
});
