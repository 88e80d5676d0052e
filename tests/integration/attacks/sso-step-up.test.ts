// Attacks on step-up through the IdP (issue 15) against the real OpenID provider
// (scripts/lib/demo-idp.ts): a member signed in through the org's connection re-authenticates
// there for a strict action. Each refusal is audited with its reason and mints no grant; the
// happy path proves the grant serves the guard, so a refusal here is the defence, not a harness
// that never works.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { authorize } from "@/lib/guard/authorize";
import { sessionContext } from "@/lib/guard/context";
import { loadSession, type CurrentSession } from "@/lib/auth/load-session";
import { revokeSession } from "@/lib/auth/sessions";
import { handleSsoCallback } from "@/lib/sso/handle-callback";
import { redeemSsoTicket } from "@/lib/sso/redeem-sso-ticket";
import { startSsoStepUp, STEP_UP_MAX_AGE } from "@/lib/sso/start-sso-step-up";
import { AUTH_TIME_SKEW_SECONDS } from "@/lib/sso/finish-sso-step-up";
import { viewSsoStepUpOffer } from "@/lib/sso/sso-step-up-offer";
import { startTestIdpForFile, TEST_REDIRECT_URI } from "@/tests/helpers/oidc-idp";
import { IdpBrowser } from "@/tests/helpers/oidc-browser";
import { orgWithConnection, signInThroughIdp } from "@/tests/helpers/oidc-connection";
import { createSession, createUserWithOrg } from "@/tests/helpers/factories";
import { lookupKeyFor, type ActionId, type PlanId } from "@/lib/licensing/policy";

const idp = startTestIdpForFile();

// The routes read the browser's session through getCurrentSession (next-auth's cookie): the
// tests hand it the session they opened.
const current = vi.hoisted(() => ({ session: null as import("@/lib/auth/load-session").CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));

const ACR = { pwd: "urn:tiergate:demo:pwd", mfa: "urn:tiergate:demo:mfa", phr: "urn:tiergate:demo:phr" };
const FULL_MAP = { mfa: ACR.mfa, phishing_resistant: ACR.phr };

/** An Enterprise org with a connection, and a member who signed in through it (a live SSO session). */
async function ssoMember({
  acrMap = FULL_MAP,
  plan = "enterprise",
}: { acrMap?: Record<string, string>; plan?: Exclude<PlanId, "free"> } = {}) {
  const { org, connection, domain } = await orgWithConnection({ issuer: idp.current.issuer, acrMap, plan: "enterprise" });
  const email = `m-${crypto.randomUUID().slice(0, 8)}@${domain}`;
  const sub = `sub-${email}`;
  idp.current.addUser({ sub, email, emailVerified: true, name: "Member", password: "idp-demo" });
  const browser = new IdpBrowser();
  const { outcome } = await signInThroughIdp({ email, browser });
  if (!outcome.ok || outcome.kind !== "sign_in") throw new Error("sign-in failed");
  const signedIn = await redeemSsoTicket({ ticket: outcome.ticket, ip: "127.0.0.1", userAgent: "test" });
  const session = (await loadSession(signedIn!.sid))!;
  if (plan !== "enterprise") {
    await db.subscription.updateMany({
      where: { orgId: org.id },
      data: { plan, noticedPlan: plan, priceLookupKey: lookupKeyFor(plan, "month") },
    });
  }
  return { org, connection, email, sub, browser, session };
}

async function start(session: CurrentSession, actionId: ActionId | unknown = "exports.csv") {
  return startSsoStepUp({ session, input: { actionId }, now: new Date(), ip: "127.0.0.1" });
}

/** Start → the IdP (a fresh login yielding `acr`) → the callback. */
async function stepUpAtIdp(
  m: Awaited<ReturnType<typeof ssoMember>>,
  { acr = ACR.mfa, login = m.email, actionId = "exports.csv", browser = m.browser } = {},
) {
  const started = await start(m.session, actionId);
  if (!started.ok) throw new Error(`start refused: ${started.code}`);
  const back = await browser.authorize(started.url, { email: login, acr }, TEST_REDIRECT_URI);
  return { started, back, outcome: await handleSsoCallback({ url: back, binding: started.binding }) };
}

const grants = (sessionId: string) => db.stepUpGrant.count({ where: { sessionId, method: "oidc" } });
const lastRefusal = (orgId: string) =>
  db.auditEvent.findFirst({ where: { orgId, action: "step_up.verify", method: "oidc", decision: "refused" }, orderBy: { id: "desc" } });
const guard = (session: CurrentSession, actionId: ActionId = "exports.csv") =>
  authorize({ actionId, ctx: sessionContext(session), now: new Date() });

describe("sso step-up: a member signed in through the IdP re-authenticates there for a strict action", () => {
  it("asks for a new login (prompt=login, max_age=0, acr_values, login_hint, PKCE) and mints an oidc grant the guard accepts", async () => {
    const m = await ssoMember();
    expect(await guard(m.session)).toMatchObject({
      ok: false,
      refusal: { kind: "step_up_required", methods: expect.arrayContaining(["oidc"]) },
    });
    const { started, outcome } = await stepUpAtIdp(m);
    const asked = new URL(started.ok ? started.url : "");
    expect(Object.fromEntries(asked.searchParams)).toMatchObject({
      prompt: "login",
      max_age: String(STEP_UP_MAX_AGE),
      acr_values: `${ACR.mfa} ${ACR.phr}`,
      login_hint: m.email,
      code_challenge_method: "S256",
    });
    expect(STEP_UP_MAX_AGE).toBe(0);
    expect(outcome).toEqual({ ok: true, kind: "step_up", actionId: "exports.csv" });
    const grant = await db.stepUpGrant.findFirstOrThrow({ where: { sessionId: m.session.sid } });
    expect(grant).toMatchObject({
      method: "oidc",
      strength: "mfa",
      acr: ACR.mfa,
      userId: m.session.user.id,
      orgId: m.org.id,
      actionId: null,
    });
    expect(Math.abs(grant.authTime!.getTime() - Date.now())).toBeLessThan(30_000);
    expect(grant.verifiedAt.getTime()).toBe(grant.authTime!.getTime());
    expect(await guard(m.session)).toMatchObject({ ok: true });
    const audit = await db.auditEvent.findFirst({
      where: { orgId: m.org.id, action: "step_up.verify", decision: "succeeded", method: "oidc" },
    });
    expect(audit?.detail).toMatchObject({ grantId: grant.id, acr: ACR.mfa, forAction: "exports.csv" });
  });

  it("the modal's offer names the IdP host for an SSO session, and nothing for a password session", async () => {
    const m = await ssoMember();
    expect(await viewSsoStepUpOffer({ session: m.session, actionId: "exports.csv", now: new Date() })).toEqual({
      offered: true,
      idp: new URL(idp.current.issuer).host,
      hasPasskey: false,
    });
    const pw = await createSession({ userId: m.session.user.id, orgId: m.org.id });
    const pwSession = (await loadSession(pw.id))!;
    expect(await viewSsoStepUpOffer({ session: pwSession, actionId: "exports.csv", now: new Date() })).toEqual({ offered: false });
  });
});

describe("attack: a stale auth_time (the IdP ignored max_age and prompt=login)", () => {
  it("an answer from the IdP's earlier session is refused with a message that says so; the honest IdP passes", async () => {
    const m = await ssoMember();
    // The sign-in at the IdP must be older than the skew before the step-up starts.
    await new Promise((r) => setTimeout(r, (AUTH_TIME_SKEW_SECONDS + 1.5) * 1000));
    idp.current.setIgnoreMaxAge(true);
    try {
      const { outcome } = await stepUpAtIdp(m);
      expect(outcome).toMatchObject({
        ok: false,
        kind: "step_up",
        code: "stale_auth_time",
        message: expect.stringContaining("Your identity provider did not ask you to sign in again"),
      });
    } finally {
      idp.current.setIgnoreMaxAge(false);
    }
    expect(await grants(m.session.sid)).toBe(0);
    expect((await lastRefusal(m.org.id))?.detail).toMatchObject({ reason: expect.stringMatching(/^stale_auth_time:\d+s_before_start$/) });
    // Control: the same IdP honouring prompt=login asks again, and the fresh auth_time passes.
    expect((await stepUpAtIdp(m)).outcome.ok).toBe(true);
  }, 30_000);
});

describe("attack: an acr below the rule", () => {
  it("a password-only login (acr not mapped) is refused for an mfa rule", async () => {
    const m = await ssoMember();
    const { outcome } = await stepUpAtIdp(m, { acr: ACR.pwd });
    expect(outcome).toMatchObject({ ok: false, code: "acr_too_weak" });
    expect((await lastRefusal(m.org.id))?.detail).toMatchObject({ reason: `acr_too_weak:${ACR.pwd}<mfa` });
    expect(await grants(m.session.sid)).toBe(0);
  });

  it("an mfa login is refused for a phishing-resistant rule (admin.view), a phr one passes", async () => {
    const m = await ssoMember();
    await db.membership.updateMany({ where: { orgId: m.org.id, userId: m.session.user.id }, data: { role: "admin" } });
    const mfa = await stepUpAtIdp(m, { acr: ACR.mfa, actionId: "admin.view" });
    expect(mfa.outcome).toMatchObject({ ok: false, code: "acr_too_weak" });
    expect(await grants(m.session.sid)).toBe(0);
    const phr = await stepUpAtIdp(m, { acr: ACR.phr, actionId: "admin.view" });
    expect(phr.outcome.ok).toBe(true);
    expect(await db.stepUpGrant.findFirst({ where: { sessionId: m.session.sid } })).toMatchObject({ strength: "phishing_resistant" });
  });
});

describe("attack: wrong or missing state", () => {
  it("a callback without state, with a forged state, or without this browser's binding is refused", async () => {
    const m = await ssoMember();
    const started = await start(m.session);
    if (!started.ok) throw new Error(started.code);
    const back = await m.browser.authorize(started.url, { email: m.email, acr: ACR.mfa }, TEST_REDIRECT_URI);
    const missing = new URL(back);
    missing.searchParams.delete("state");
    expect(await handleSsoCallback({ url: missing, binding: started.binding })).toMatchObject({
      ok: false,
      kind: "step_up",
      code: "invalid_link",
    });
    const forged = new URL(back);
    forged.searchParams.set("state", "forged");
    expect(await handleSsoCallback({ url: forged, binding: started.binding })).toMatchObject({ ok: false, code: "invalid_link" });
    expect(await handleSsoCallback({ url: back, binding: "su.another-browser" })).toMatchObject({ ok: false, code: "invalid_link" });
    expect(await grants(m.session.sid)).toBe(0);
  });
});

describe("attack: a replayed callback", () => {
  it("the same code + state a second time is refused: the attempt is spent once, one grant only", async () => {
    const m = await ssoMember();
    const { started, back, outcome } = await stepUpAtIdp(m);
    expect(outcome.ok).toBe(true);
    expect(await handleSsoCallback({ url: back, binding: started.ok ? started.binding : "" })).toMatchObject({
      ok: false,
      kind: "step_up",
      code: "invalid_link",
    });
    expect(await grants(m.session.sid)).toBe(1);
  });
});

describe("attack: a mismatched nonce", () => {
  it("an ID token whose nonce is not the attempt's is refused", async () => {
    const m = await ssoMember();
    const started = await start(m.session);
    if (!started.ok) throw new Error(started.code);
    const back = await m.browser.authorize(started.url, { email: m.email, acr: ACR.mfa }, TEST_REDIRECT_URI);
    await db.ssoAttempt.updateMany({ where: { sessionId: m.session.sid, consumedAt: null }, data: { nonce: "another-nonce" } });
    expect(await handleSsoCallback({ url: back, binding: started.binding })).toMatchObject({ ok: false, code: "token_invalid" });
    expect((await lastRefusal(m.org.id))?.detail).toMatchObject({ reason: expect.stringContaining("nonce") });
    expect(await grants(m.session.sid)).toBe(0);
  });
});

describe("attack: the subject of another IdP user", () => {
  it("signing in at the IdP as a colleague does not step up this session", async () => {
    const m = await ssoMember();
    const other = `colleague-${crypto.randomUUID().slice(0, 6)}@${m.email.split("@")[1]}`;
    idp.current.addUser({ sub: `sub-${other}`, email: other, emailVerified: true, name: "Colleague", password: "idp-demo" });
    // A browser without the member's IdP session (the provider would otherwise end it first).
    const { outcome } = await stepUpAtIdp(m, { login: other, browser: new IdpBrowser() });
    expect(outcome).toMatchObject({ ok: false, code: "wrong_subject", message: expect.stringContaining("as someone else") });
    expect((await lastRefusal(m.org.id))?.detail).toMatchObject({ reason: `wrong_subject:sub-${other}` });
    expect(await grants(m.session.sid)).toBe(0);
  });
});

describe("attack: a session that did not come through the IdP tries the oidc path", () => {
  it("a password/passkey session of the same SSO user, and a user of another org, are refused at the start", async () => {
    const m = await ssoMember();
    const pw = (await loadSession((await createSession({ userId: m.session.user.id, orgId: m.org.id })).id))!;
    expect(await start(pw)).toMatchObject({ ok: false, code: "not_sso_session" });
    const outsider = await createUserWithOrg({ plan: "enterprise" });
    const theirs = (await loadSession((await createSession({ userId: outsider.user.id, orgId: outsider.org.id })).id))!;
    expect(await start(theirs)).toMatchObject({ ok: false, code: "not_sso_session" });
    expect(await db.ssoAttempt.count({ where: { sessionId: { in: [pw.sid, theirs.sid] } } })).toBe(0);
    const audit = await db.auditEvent.findFirst({ where: { orgId: m.org.id, action: "step_up.sso_start", decision: "refused" } });
    expect(audit?.detail).toMatchObject({ reason: "not_sso_session" });
  });
});

describe("attack: an action whose rule does not accept oidc", () => {
  it("an action with no step-up, and a rule the connection's acr map cannot prove, are refused at the start", async () => {
    const m = await ssoMember();
    expect(await start(m.session, "reports.view")).toMatchObject({ ok: false, code: "no_step_up" });
    const mfaOnly = await ssoMember({ acrMap: { mfa: ACR.mfa } });
    await db.membership.updateMany({ where: { orgId: mfaOnly.org.id, userId: mfaOnly.session.user.id }, data: { role: "admin" } });
    expect(await start(mfaOnly.session, "admin.view")).toMatchObject({ ok: false, code: "acr_not_mapped" });
    const unmapped = await ssoMember({ acrMap: {} });
    expect(await start(unmapped.session)).toMatchObject({ ok: false, code: "acr_not_mapped" });
    for (const s of [m, mfaOnly, unmapped]) expect(await db.ssoAttempt.count({ where: { sessionId: s.session.sid } })).toBe(0);
  });

  it("an org whose plan lost SSO cannot step up through the IdP", async () => {
    const m = await ssoMember({ plan: "pro" });
    expect(await start(m.session)).toMatchObject({ ok: false, code: "sso_off" });
  });
});

describe("attack: an org policy that requires passkeys", () => {
  it("exports.csv narrowed to phishing-resistant: an mfa login is refused, on a trip started before the narrowing too", async () => {
    const m = await ssoMember();
    // Started under the plan's rule (mfa), narrowed while the person is at the IdP.
    const started = await start(m.session);
    if (!started.ok) throw new Error(started.code);
    await db.orgSecurityPolicy.create({ data: { orgId: m.org.id, overrides: { factors: { "exports.csv": "phishing_resistant" } } } });
    const back = await m.browser.authorize(started.url, { email: m.email, acr: ACR.mfa }, TEST_REDIRECT_URI);
    expect(await handleSsoCallback({ url: back, binding: started.binding })).toMatchObject({ ok: false, code: "acr_too_weak" });
    expect(await grants(m.session.sid)).toBe(0);
    // A new trip asks only for the phishing-resistant acr.
    const again = await start(m.session);
    expect(again.ok && new URL(again.url).searchParams.get("acr_values")).toBe(ACR.phr);
  });
});

describe("attack: the attempt's session revoked before the callback", () => {
  it("a signed-out session gets no grant from a trip it started", async () => {
    const m = await ssoMember();
    const started = await start(m.session);
    if (!started.ok) throw new Error(started.code);
    const back = await m.browser.authorize(started.url, { email: m.email, acr: ACR.mfa }, TEST_REDIRECT_URI);
    await revokeSession({ sessionId: m.session.sid, userId: m.session.user.id, reason: "sign_out", now: new Date() });
    expect(await handleSsoCallback({ url: back, binding: started.binding })).toMatchObject({ ok: false, code: "session_ended" });
    expect(await grants(m.session.sid)).toBe(0);
    expect((await lastRefusal(m.org.id))?.detail).toMatchObject({ reason: "session_ended" });
  });
});

describe("attack: the wrong org (the session switched org during the trip)", () => {
  it("a trip started in the SSO org does not mint a grant once the session looks at another org", async () => {
    const m = await ssoMember();
    const elsewhere = await createUserWithOrg({ plan: "enterprise" });
    await db.membership.create({ data: { orgId: elsewhere.org.id, userId: m.session.user.id, role: "owner" } });
    const started = await start(m.session);
    if (!started.ok) throw new Error(started.code);
    const back = await m.browser.authorize(started.url, { email: m.email, acr: ACR.mfa }, TEST_REDIRECT_URI);
    await db.session.update({ where: { id: m.session.sid }, data: { currentOrgId: elsewhere.org.id } });
    expect(await handleSsoCallback({ url: back, binding: started.binding })).toMatchObject({ ok: false, code: "wrong_org" });
    expect(await db.stepUpGrant.count({ where: { sessionId: m.session.sid } })).toBe(0);
  });
});

describe("attack: a malformed start body", () => {
  it("an unknown, missing or non-string action id, or extra fields, are refused as invalid and write nothing", async () => {
    const m = await ssoMember();
    for (const input of [null, {}, { actionId: "nope" }, { actionId: 5 }, { actionId: "exports.csv", sessionId: m.session.sid }]) {
      expect(await startSsoStepUp({ session: m.session, input, now: new Date(), ip: null })).toMatchObject({ ok: false, code: "invalid" });
    }
    expect(await db.ssoAttempt.count({ where: { sessionId: m.session.sid } })).toBe(0);
  });
});

describe("RFC 9470: an SSO org's API key challenge carries its IdP's acr values", () => {
  const challenge = async (orgId: string, userId: string) => {
    const { generateApiKey } = await import("@/lib/api-keys/key-format");
    const invoicesCsv = await import("@/app/api/v1/exports/invoices.csv/route");
    const { key, prefix, hash } = generateApiKey();
    await db.apiKey.create({ data: { orgId, createdByUserId: userId, name: "ci", prefix, hash } });
    const res = await invoicesCsv.GET(
      new Request("http://localhost:3000/api/v1/exports/invoices.csv", { headers: { authorization: `Bearer ${key}` } }),
    );
    expect(res.status).toBe(401);
    return { header: res.headers.get("www-authenticate")!, body: (await res.json()) as Record<string, unknown> };
  };

  it("the mapped acr per sufficient strength; a strength without a mapping keeps its name; no connection: strengths only", async () => {
    const full = await orgWithConnection({ issuer: idp.current.issuer, acrMap: FULL_MAP });
    const got = await challenge(full.org.id, full.owner.id);
    expect(got.header).toContain(`acr_values="${ACR.mfa} ${ACR.phr}"`);
    expect(got.body.acr_values).toBe(`${ACR.mfa} ${ACR.phr}`);
    const partial = await orgWithConnection({ issuer: idp.current.issuer, acrMap: { phishing_resistant: ACR.phr } });
    expect((await challenge(partial.org.id, partial.owner.id)).header).toContain(`acr_values="mfa ${ACR.phr}"`);
    const plain = await createUserWithOrg({ plan: "enterprise" });
    expect((await challenge(plain.org.id, plain.user.id)).header).toContain('acr_values="mfa phishing_resistant"');
  });
});

describe("attack: a malformed or unauthenticated request to POST /api/sso/step-up", () => {
  it("no session → 401; not JSON → 415; broken JSON or a bad action → 400; nothing written; a good one sets the binding cookie", async () => {
    const route = await import("@/app/api/sso/step-up/route");
    const m = await ssoMember();
    const post = (body: string, type = "application/json") =>
      route.POST(new Request("http://localhost:3000/api/sso/step-up", { method: "POST", headers: { "content-type": type }, body }));
    current.session = null;
    expect((await post(JSON.stringify({ actionId: "exports.csv" }))).status).toBe(401);
    current.session = m.session;
    expect((await post("actionId=exports.csv", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ actionId: "nope" }))).status).toBe(400);
    expect(await db.ssoAttempt.count({ where: { sessionId: m.session.sid } })).toBe(0);
    const ok = await post(JSON.stringify({ actionId: "exports.csv" }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("set-cookie")).toMatch(/^tg_sso_binding=su\.[\w-]+; Path=\/api\/sso; HttpOnly; SameSite=Lax/);
    expect(new URL(((await ok.json()) as { url: string }).url).origin).toBe(idp.current.issuer);
    current.session = null;
  });
});
