// Attacks that add the attacker's own authenticator to a victim's account: with a stolen
// session cookie and the (guessed or phished) password, enrol a passkey and then pass every
// step-up. The password alone may enrol only the FIRST passkey; another needs a fresh
// step-up with an existing one (`passkeys.add`). The browser is simulated at the edge
// (getCurrentSession); everything behind it is real.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { CurrentSession } from "@/lib/auth/load-session";
import { emailKey } from "@/lib/auth/sign-in-throttle";
import { finishPasskeyRegistration, startPasskeyRegistration } from "@/lib/step-up/register-passkey";
import { STEP_UP_PRESETS } from "@/lib/licensing/policy";
import { SoftAuthenticator } from "@/tests/helpers/soft-authenticator";
import { stepUp, userWithPasskey } from "@/tests/helpers/step-up";
import { createSession, createUserWithOrg, TEST_PASSWORD } from "@/tests/helpers/factories";
import { currentSessionOf, type SignedInAccount } from "@/tests/helpers/current-session-of";

const current = vi.hoisted(() => ({ session: null as CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));
const registerOptions = await import("@/app/api/webauthn/register/options/route");

beforeEach(() => {
  current.session = null;
});

function signIn(u: SignedInAccount) {
  current.session = currentSessionOf(u);
}

const optionsRequest = (body: unknown) =>
  new Request("http://localhost:3000/api/webauthn/register/options", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.77" },
  });

const who = (u: SignedInAccount, now = new Date()) => ({
  userId: u.user.id,
  sessionId: u.session.id,
  orgId: u.org.id,
  now,
  ip: "198.51.100.78",
});

/** Everything an enrolment attempt could write. */
const footprint = (u: SignedInAccount) =>
  Promise.all([
    db.passkey.count({ where: { userId: u.user.id } }),
    db.webAuthnChallenge.count({ where: { userId: u.user.id, ceremony: "register" } }),
    db.signInAttempt.count({ where: { key: emailKey(u.user.email) } }),
    db.stepUpFailure.count({ where: { userId: u.user.id } }),
  ]);

async function finish(u: SignedInAccount, challenge: string, authenticator = new SoftAuthenticator(), now = new Date()) {
  return finishPasskeyRegistration({ ...who(u, now), response: authenticator.register({ challenge }), name: "Attacker key" });
}

describe("attack: registering a second passkey with only the password", () => {
  it("is refused step_up_required for passkeys.add and writes nothing", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    const before = await footprint(u);
    const started = await startPasskeyRegistration({ ...who(u), password: TEST_PASSWORD });
    expect(started).toMatchObject({
      ok: false,
      kind: "refused",
      refusal: { kind: "step_up_required", actionId: "passkeys.add", maxAge: STEP_UP_PRESETS.strict.maxAge },
    });
    expect(await footprint(u)).toEqual(before);
  });

  it("answers the route's standard 403 step_up_required (not a password error), and writes nothing", async () => {
    const u = await userWithPasskey({ plan: "enterprise" });
    signIn(u);
    const before = await footprint(u);
    const res = await registerOptions.POST(optionsRequest({ password: TEST_PASSWORD }));
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body).toMatchObject({
      error: "insufficient_user_authentication",
      max_age: 600,
      refusal: { kind: "step_up_required", actionId: "passkeys.add" },
    });
    expect(body.error_description).toBe(
      "Adding another passkey needs a fresh check with a passkey or an authenticator app code on the Enterprise plan.",
    );
    expect(await footprint(u)).toEqual(before);
  });

  it("does not check the password at all then, so it is no guessing door either", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    const before = await footprint(u);
    for (let i = 0; i < 10; i++)
      expect(await startPasskeyRegistration({ ...who(u), password: `guess-${i}` })).toMatchObject({ kind: "refused" });
    expect(await footprint(u)).toEqual(before);
  });

  it("is refused with a step-up older than the strict 10 minutes", async () => {
    const t0 = new Date();
    const u = await userWithPasskey({ plan: "pro", now: t0 });
    await stepUp({
      userId: u.user.id,
      sessionId: u.session.id,
      orgId: u.org.id,
      authenticator: u.authenticator,
      actionId: "passkeys.add",
      now: t0,
    });
    const later = new Date(t0.getTime() + (STEP_UP_PRESETS.strict.maxAge + 1) * 1000);
    expect(await startPasskeyRegistration({ ...who(u, later), password: TEST_PASSWORD })).toMatchObject({
      kind: "refused",
      refusal: { kind: "step_up_required" },
    });
  });
});

describe("a second passkey with a fresh step-up from the first", () => {
  it("is allowed, without the password, and the new key is stored", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    const granted = await stepUp({
      userId: u.user.id,
      sessionId: u.session.id,
      orgId: u.org.id,
      authenticator: u.authenticator,
      actionId: "passkeys.add",
    });
    expect(granted.ok).toBe(true);
    const started = await startPasskeyRegistration({ ...who(u), password: null });
    if (!started.ok) throw new Error(`refused: ${JSON.stringify(started)}`);
    expect(await finish(u, started.options.challenge)).toMatchObject({ ok: true });
    expect(await db.passkey.count({ where: { userId: u.user.id } })).toBe(2);
  });

  it("through the route, too", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    await stepUp({ userId: u.user.id, sessionId: u.session.id, orgId: u.org.id, authenticator: u.authenticator, actionId: "passkeys.add" });
    signIn(u);
    const res = await registerOptions.POST(optionsRequest({}));
    expect(res.status).toBe(200);
    expect((await res.json()).options.excludeCredentials).toHaveLength(1);
  });
});

describe("the first passkey", () => {
  it("is enrolled with the password alone", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const u = { user, org, session: await createSession({ userId: user.id, orgId: org.id }) };
    const started = await startPasskeyRegistration({ ...who(u), password: TEST_PASSWORD });
    if (!started.ok) throw new Error("refused");
    expect(await finish(u, started.options.challenge)).toMatchObject({ ok: true });
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(1);
  });

  it("needs the password: none, or a wrong one, is refused with a clear message", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const u = { user, org, session: await createSession({ userId: user.id, orgId: org.id }) };
    signIn(u);
    const none = await registerOptions.POST(optionsRequest({}));
    expect(none.status).toBe(400);
    expect((await none.json()).error_description).toBe("Enter your password.");
    const wrong = await registerOptions.POST(optionsRequest({ password: "nope" }));
    expect(wrong.status).toBe(400);
    expect(await db.webAuthnChallenge.count({ where: { userId: user.id } })).toBe(0);
  });

  it("answers 429 with Retry-After once the password throttle is spent", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const u = { user, org, session: await createSession({ userId: user.id, orgId: org.id }) };
    signIn(u);
    for (let i = 0; i < 5; i++) await registerOptions.POST(optionsRequest({ password: `guess-${i}` }));
    const res = await registerOptions.POST(optionsRequest({ password: TEST_PASSWORD }));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect((await res.json()).error_description).toMatch(/Too many password attempts/);
  });
});

describe("attack: a first-passkey challenge used after the account gained a passkey", () => {
  it("cannot add a second passkey with the password alone (start before, finish after)", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const u = { user, org, session: await createSession({ userId: user.id, orgId: org.id }) };
    const attacker = await startPasskeyRegistration({ ...who(u), password: TEST_PASSWORD });
    const owner = await startPasskeyRegistration({ ...who(u), password: TEST_PASSWORD });
    if (!attacker.ok || !owner.ok) throw new Error("refused");
    expect(await finish(u, owner.options.challenge)).toMatchObject({ ok: true });
    expect(await finish(u, attacker.options.challenge)).toMatchObject({ ok: false, reason: "first_factor_taken" });
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(1);
  });

  it("two racing first enrolments add exactly one passkey", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const u = { user, org, session: await createSession({ userId: user.id, orgId: org.id }) };
    const starts = await Promise.all([1, 2, 3].map(() => startPasskeyRegistration({ ...who(u), password: TEST_PASSWORD })));
    const results = await Promise.all(starts.map((s) => (s.ok ? finish(u, s.options.challenge) : Promise.resolve(null))));
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(1);
  });
});
