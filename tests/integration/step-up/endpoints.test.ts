// The HTTP surface: every ceremony endpoint answers malformed JSON with a clear 400 and
// writes nothing; /api/v1 speaks RFC 9470 to API clients and 403 JSON to browsers; the
// device flow binds a grant to the API key. The signed-in browser is simulated at the
// edge (getCurrentSession); everything behind it is real.
import { CSV_COLUMNS } from "@/lib/exports/exports-sql";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { CurrentSession } from "@/lib/auth/load-session";
import { generateApiKey } from "@/lib/api-keys/key-format";
import { startStepUp } from "@/lib/step-up/start-step-up";
import { completeStepUp } from "@/lib/step-up/complete-step-up";
import { userWithPasskey } from "@/tests/helpers/step-up";
import { createUserWithOrg, TEST_PASSWORD } from "@/tests/helpers/factories";
import { currentSessionOf } from "@/tests/helpers/current-session-of";

const current = vi.hoisted(() => ({ session: null as CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));

const registerOptions = await import("@/app/api/webauthn/register/options/route");
const registerVerify = await import("@/app/api/webauthn/register/verify/route");
const stepUpOptions = await import("@/app/api/webauthn/step-up/options/route");
const stepUpVerify = await import("@/app/api/webauthn/step-up/verify/route");
const signInOptions = await import("@/app/api/webauthn/sign-in/options/route");
const apiStepUp = await import("@/app/api/v1/step-up/route");
const apiStepUpStatus = await import("@/app/api/v1/step-up/[requestId]/route");
const invoicesCsv = await import("@/app/api/v1/exports/invoices.csv/route");
const testClock = await import("@/app/api/test/clock/route");

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost:3000/x", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

async function signedIn(plan: "pro" | "enterprise" = "pro") {
  const u = await userWithPasskey({ plan });
  current.session = currentSessionOf(u);
  return u;
}

async function apiKeyFor(orgId: string, userId: string) {
  const { key, prefix, hash } = generateApiKey();
  const row = await db.apiKey.create({ data: { orgId, createdByUserId: userId, name: "ci", prefix, hash } });
  return { key, id: row.id };
}

beforeEach(() => {
  current.session = null;
});

describe("ceremony endpoints", () => {
  const endpoints = {
    "register/options": registerOptions.POST,
    "register/verify": registerVerify.POST,
    "step-up/options": stepUpOptions.POST,
    "step-up/verify": stepUpVerify.POST,
    "sign-in/options": signInOptions.POST,
    "v1/step-up": apiStepUp.POST,
    "test/clock": testClock.POST,
  };

  it.each(Object.entries(endpoints))("%s answers malformed JSON with 400 and writes nothing", async (_name, handler) => {
    const u = await signedIn();
    const before = await Promise.all([
      db.webAuthnChallenge.count(),
      db.stepUpGrant.count(),
      db.passkey.count(),
      db.apiStepUpRequest.count(),
    ]);
    for (const body of ["{", '{"response": ', "not json", "\u0000"]) {
      const res = await handler(post(body, { authorization: "" }));
      // test/clock is 404 when the test clock is off (it is, in vitest): still nothing written.
      expect([400, 404]).toContain(res.status);
      if (res.status === 400) expect((await res.json()).error_description).toBe("The request body is not valid JSON.");
    }
    const after = await Promise.all([
      db.webAuthnChallenge.count(),
      db.stepUpGrant.count(),
      db.passkey.count(),
      db.apiStepUpRequest.count(),
    ]);
    expect(after).toEqual(before);
    expect(u).toBeTruthy();
  });

  it("refuses ceremonies without a session (401)", async () => {
    const res = await stepUpOptions.POST(post("{}"));
    expect(res.status).toBe(401);
  });

  it("full browser step-up over HTTP, then the export route runs", async () => {
    const u = await signedIn();
    const csvBefore = await invoicesCsv.GET(new Request("http://localhost:3000/api/v1/exports/invoices.csv"));
    expect(csvBefore.status).toBe(403);
    const hint = await csvBefore.json();
    expect(hint).toMatchObject({ error: "insufficient_user_authentication", max_age: 3600 });
    expect(hint.error_description).toBe(
      "Exporting customer data needs a fresh check with a passkey or an authenticator app code on the Pro plan.",
    );
    expect(csvBefore.headers.get("www-authenticate")).toBeNull();

    const options = await (await stepUpOptions.POST(post(JSON.stringify({ actionId: "exports.csv" })))).json();
    const verify = await stepUpVerify.POST(
      post(JSON.stringify({ response: u.authenticator.assert({ challenge: options.options.challenge }) })),
    );
    expect(verify.status).toBe(200);
    const csv = await invoicesCsv.GET(new Request("http://localhost:3000/api/v1/exports/invoices.csv"));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\n")[0]).toBe(CSV_COLUMNS.join(","));
  });

  it("registers a passkey over HTTP only after the password", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const session = await db.session.create({ data: { userId: user.id, currentOrgId: org.id } });
    current.session = {
      sid: session.id,
      user: { id: user.id, email: user.email, name: user.name },
      org: { id: org.id, name: org.name, slug: org.slug, personal: true },
      role: "owner",
      memberships: [],
    };
    expect(await (await stepUpOptions.POST(post("{}"))).json()).toEqual({ enrol: true });
    const wrong = await registerOptions.POST(post(JSON.stringify({ password: "nope" })));
    expect(wrong.status).toBe(400);
    const ok = await registerOptions.POST(post(JSON.stringify({ password: TEST_PASSWORD })));
    expect(ok.status).toBe(200);
    const { SoftAuthenticator } = await import("@/tests/helpers/soft-authenticator");
    const { options } = await ok.json();
    const verify = await registerVerify.POST(
      post(JSON.stringify({ response: new SoftAuthenticator().register({ challenge: options.challenge }), name: "Laptop" })),
    );
    expect(verify.status).toBe(200);
    expect(await db.passkey.findMany({ where: { userId: user.id }, select: { name: true } })).toEqual([{ name: "Laptop" }]);
  });
});

describe("/api/v1 with API keys (RFC 9470)", () => {
  it("answers a missing grant with 401 + WWW-Authenticate insufficient_user_authentication and max_age", async () => {
    const u = await userWithPasskey({ plan: "enterprise" });
    const { key } = await apiKeyFor(u.org.id, u.user.id);
    const res = await invoicesCsv.GET(
      new Request("http://localhost:3000/api/v1/exports/invoices.csv", { headers: { authorization: `Bearer ${key}` } }),
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(
      'Bearer error="insufficient_user_authentication", error_description="Exporting customer data needs a fresh check with a passkey or an authenticator app code on the Enterprise plan.", max_age=600, acr_values="mfa phishing_resistant", methods="passkey totp oidc"',
    );
    expect(await res.json()).toMatchObject({ error: "insufficient_user_authentication", max_age: 600 });
  });

  it("rejects an unknown or revoked key with 401 invalid_token", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    const { key, id } = await apiKeyFor(u.org.id, u.user.id);
    await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    for (const token of [key, "tg_nope", generateApiKey().key]) {
      const res = await invoicesCsv.GET(
        new Request("http://localhost:3000/api/v1/exports/invoices.csv", { headers: { authorization: `Bearer ${token}` } }),
      );
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
  });

  it("device flow: the client asks, a member approves with a passkey, the grant is bound to the key and action", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    const { key, id: apiKeyId } = await apiKeyFor(u.org.id, u.user.id);
    const auth = { authorization: `Bearer ${key}` };
    const started = await apiStepUp.POST(post(JSON.stringify({ action: "exports.csv" }), auth));
    expect(started.status).toBe(201);
    const flow = await started.json();
    expect(flow).toMatchObject({ verification_uri: "http://localhost:3000/step-up/approve", expires_in: 600 });
    expect(flow.user_code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const status = () =>
      apiStepUpStatus.GET(new Request("http://localhost:3000/x", { headers: auth }), {
        params: Promise.resolve({ requestId: flow.request_id }),
      });
    expect(await (await status()).json()).toMatchObject({ status: "pending" });

    // The member approves in the browser (their own session), with their passkey.
    current.session = {
      sid: u.session.id,
      user: { id: u.user.id, email: u.user.email, name: u.user.name },
      org: { id: u.org.id, name: u.org.name, slug: u.org.slug, personal: true },
      role: "owner",
      memberships: [],
    };
    const options = await (await stepUpOptions.POST(post(JSON.stringify({ approveCode: flow.user_code })))).json();
    const approved = await stepUpVerify.POST(
      post(JSON.stringify({ response: u.authenticator.assert({ challenge: options.options.challenge }) })),
    );
    expect(approved.status).toBe(200);
    current.session = null;

    expect(await (await status()).json()).toMatchObject({ status: "approved" });
    const grant = await db.stepUpGrant.findFirstOrThrow({ where: { apiKeyId } });
    expect(grant).toMatchObject({ sessionId: null, actionId: "exports.csv", orgId: u.org.id, userId: u.user.id });
    // The browser session got nothing from approving.
    expect(await db.stepUpGrant.count({ where: { sessionId: u.session.id } })).toBe(0);

    const csv = await invoicesCsv.GET(new Request("http://localhost:3000/api/v1/exports/invoices.csv?status=paid", { headers: auth }));
    expect(csv.status).toBe(200);

    // The approval cannot be replayed for a second grant.
    const again = await stepUpOptions.POST(post(JSON.stringify({ approveCode: flow.user_code })));
    expect(again.status).toBe(401); // signed out now
  });

  it("an approval code cannot be approved by someone outside the key's org", async () => {
    const owner = await userWithPasskey({ plan: "pro" });
    const outsider = await userWithPasskey({ plan: "pro" });
    const { key } = await apiKeyFor(owner.org.id, owner.user.id);
    const flow = await (await apiStepUp.POST(post(JSON.stringify({ action: "exports.csv" }), { authorization: `Bearer ${key}` }))).json();
    const request = await db.apiStepUpRequest.findUniqueOrThrow({ where: { userCode: flow.user_code } });
    const started = await startStepUp({
      userId: outsider.user.id,
      sessionId: outsider.session.id,
      actionId: "exports.csv",
      apiStepUpRequestId: request.id,
      now: new Date(),
    });
    if (started.kind !== "options") throw new Error("no options");
    const result = await completeStepUp({
      userId: outsider.user.id,
      sessionId: outsider.session.id,
      orgId: outsider.org.id,
      response: outsider.authenticator.assert({ challenge: started.options.challenge }),
      now: new Date(),
    });
    expect(result).toMatchObject({ ok: false, reason: "request_unavailable" });
    expect(await db.stepUpGrant.count({ where: { apiKeyId: request.apiKeyId } })).toBe(0);
  });
});
