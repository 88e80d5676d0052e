// The step-up ceremony against forged and replayed input. Each refusal must also be
// audited, count toward the lockout, and mint no grant.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { completeStepUp } from "@/lib/step-up/complete-step-up";
import { startStepUp } from "@/lib/step-up/start-step-up";
import { startPasskeyRegistration, finishPasskeyRegistration } from "@/lib/step-up/register-passkey";
import { CHALLENGE_TTL_SECONDS, LOCKOUT_DURATION_SECONDS } from "@/lib/step-up/config";
import { createSession, createUserWithOrg, TEST_PASSWORD } from "@/tests/helpers/factories";
import { SoftAuthenticator } from "@/tests/helpers/soft-authenticator";
import { auditRows, stepUp, stepUpChallenge, userWithPasskey } from "@/tests/helpers/step-up";

const grantsOf = (userId: string) => db.stepUpGrant.count({ where: { userId } });

async function expectRefused(userId: string, result: Awaited<ReturnType<typeof completeStepUp>>, reason: string) {
  expect(result).toMatchObject({ ok: false, kind: "failed", reason });
  expect(await grantsOf(userId)).toBe(0);
  const failures = await auditRows({ actorUserId: userId, action: "step_up.verify" });
  expect(failures.at(-1)).toMatchObject({ decision: "failed", method: "webauthn", detail: { reason } });
  expect(await db.stepUpFailure.count({ where: { userId, reason } })).toBeGreaterThan(0);
}

describe("step-up ceremony", () => {
  it("a verified assertion mints one grant bound to the session and org, and is audited", async () => {
    const { user, org, session, authenticator, passkey } = await userWithPasskey();
    const result = await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, actionId: "exports.csv" });
    expect(result.ok).toBe(true);
    const grant = await db.stepUpGrant.findFirstOrThrow({ where: { userId: user.id } });
    expect(grant).toMatchObject({
      sessionId: session.id,
      orgId: org.id,
      passkeyId: passkey.id,
      method: "passkey",
      strength: "phishing_resistant",
      level: "moderate",
      actionId: null,
    });
    const stored = await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } });
    expect(stored.counter).toBe(1n);
    expect(stored.lastUsedAt).not.toBeNull();
    expect((await auditRows({ actorUserId: user.id, action: "step_up.verify" })).at(-1)).toMatchObject({
      decision: "succeeded",
      orgId: org.id,
    });
  });

  it("asks a user with no passkey to enrol, and enrolment needs the password again", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const session = await createSession({ userId: user.id, orgId: org.id });
    expect(await startStepUp({ userId: user.id, sessionId: session.id, actionId: "exports.csv", now: new Date() })).toEqual({
      kind: "enrol",
    });
    const wrong = await startPasskeyRegistration({
      userId: user.id,
      sessionId: session.id,
      orgId: org.id,
      password: "not it",
      now: new Date(),
    });
    expect(wrong).toMatchObject({ ok: false, kind: "invalid" });
    expect(await db.webAuthnChallenge.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.stepUpFailure.count({ where: { userId: user.id, reason: "password_mismatch" } })).toBe(1);
    const right = await startPasskeyRegistration({
      userId: user.id,
      sessionId: session.id,
      orgId: org.id,
      password: TEST_PASSWORD,
      now: new Date(),
    });
    expect(right.ok).toBe(true);
    if (right.ok) expect(right.options.authenticatorSelection).toMatchObject({ userVerification: "required", residentKey: "preferred" });
  });

  it("refuses a registration made without user verification", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const session = await createSession({ userId: user.id, orgId: org.id });
    const started = await startPasskeyRegistration({
      userId: user.id,
      sessionId: session.id,
      orgId: org.id,
      password: TEST_PASSWORD,
      now: new Date(),
    });
    if (!started.ok) throw new Error("start failed");
    const response = new SoftAuthenticator().register({ challenge: started.options.challenge, userVerified: false });
    const finished = await finishPasskeyRegistration({
      userId: user.id,
      sessionId: session.id,
      orgId: org.id,
      response,
      name: "x",
      now: new Date(),
    });
    expect(finished.ok).toBe(false);
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses a replayed assertion", async () => {
    const { user, org, session, authenticator } = await userWithPasskey();
    const challenge = await stepUpChallenge({ userId: user.id, sessionId: session.id });
    const response = authenticator.assert({ challenge });
    expect((await completeStepUp({ userId: user.id, sessionId: session.id, orgId: org.id, response, now: new Date() })).ok).toBe(true);
    await db.stepUpGrant.deleteMany({ where: { userId: user.id } });
    const replay = await completeStepUp({ userId: user.id, sessionId: session.id, orgId: org.id, response, now: new Date() });
    await expectRefused(user.id, replay, "challenge_reused");
  });

  it("refuses a reused challenge even with a fresh signature", async () => {
    const { user, org, session, authenticator } = await userWithPasskey();
    const challenge = await stepUpChallenge({ userId: user.id, sessionId: session.id });
    await completeStepUp({
      userId: user.id,
      sessionId: session.id,
      orgId: org.id,
      response: authenticator.assert({ challenge }),
      now: new Date(),
    });
    await db.stepUpGrant.deleteMany({ where: { userId: user.id } });
    const again = await completeStepUp({
      userId: user.id,
      sessionId: session.id,
      orgId: org.id,
      response: authenticator.assert({ challenge }),
      now: new Date(),
    });
    await expectRefused(user.id, again, "challenge_reused");
  });

  it("refuses an expired challenge (one second past 5 minutes)", async () => {
    const { user, org, session, authenticator } = await userWithPasskey();
    const issuedAt = new Date();
    const challenge = await stepUpChallenge({ userId: user.id, sessionId: session.id, now: issuedAt });
    const late = new Date(issuedAt.getTime() + (CHALLENGE_TTL_SECONDS + 1) * 1000);
    const result = await completeStepUp({
      userId: user.id,
      sessionId: session.id,
      orgId: org.id,
      response: authenticator.assert({ challenge }),
      now: late,
    });
    await expectRefused(user.id, result, "challenge_expired");
  });

  it("refuses a challenge issued to another user, and one issued to another session", async () => {
    const alice = await userWithPasskey();
    const mallory = await userWithPasskey();
    const aliceChallenge = await stepUpChallenge({ userId: alice.user.id, sessionId: alice.session.id });
    const stolen = await completeStepUp({
      userId: mallory.user.id,
      sessionId: mallory.session.id,
      orgId: mallory.org.id,
      response: mallory.authenticator.assert({ challenge: aliceChallenge }),
      now: new Date(),
    });
    await expectRefused(mallory.user.id, stolen, "challenge_wrong_binding");

    const otherSession = await createSession({ userId: alice.user.id, orgId: alice.org.id });
    const challenge = await stepUpChallenge({ userId: alice.user.id, sessionId: alice.session.id });
    const crossSession = await completeStepUp({
      userId: alice.user.id,
      sessionId: otherSession.id,
      orgId: alice.org.id,
      response: alice.authenticator.assert({ challenge }),
      now: new Date(),
    });
    await expectRefused(alice.user.id, crossSession, "challenge_wrong_binding");
  });

  it("refuses an assertion with UV=false", async () => {
    const { user, org, session, authenticator } = await userWithPasskey();
    const result = await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, knobs: { userVerified: false } });
    await expectRefused(user.id, result, "user_not_verified");
  });

  it("refuses a wrong origin and a wrong RP ID", async () => {
    const { user, org, session, authenticator } = await userWithPasskey();
    const phished = await stepUp({
      userId: user.id,
      sessionId: session.id,
      orgId: org.id,
      authenticator,
      knobs: { origin: "https://tiergate.evil.example" },
    });
    await expectRefused(user.id, phished, "verification_failed");
    const wrongRp = await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, knobs: { rpId: "evil.example" } });
    await expectRefused(user.id, wrongRp, "verification_failed");
  });

  it("refuses another user's credential, even correctly signed", async () => {
    const alice = await userWithPasskey();
    const mallory = await userWithPasskey();
    const challenge = await stepUpChallenge({ userId: mallory.user.id, sessionId: mallory.session.id });
    const result = await completeStepUp({
      userId: mallory.user.id,
      sessionId: mallory.session.id,
      orgId: mallory.org.id,
      response: alice.authenticator.assert({ challenge }),
      now: new Date(),
    });
    await expectRefused(mallory.user.id, result, "credential_not_owned");
  });

  it("refuses a signature counter that did not move forward (cloned authenticator)", async () => {
    const { user, org, session, authenticator } = await userWithPasskey();
    expect((await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator })).ok).toBe(true);
    await db.stepUpGrant.deleteMany({ where: { userId: user.id } });
    const cloned = await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, knobs: { counter: 1 } });
    await expectRefused(user.id, cloned, "counter_replay");
  });

  it("refuses a malformed response without a grant", async () => {
    const { user, org, session } = await userWithPasskey();
    const result = await completeStepUp({ userId: user.id, sessionId: session.id, orgId: org.id, response: { id: 42 }, now: new Date() });
    await expectRefused(user.id, result, "malformed_response");
  });

  it("locks step-up for 15 minutes after 10 failures in 15 minutes, audited", async () => {
    const { user, org, session, authenticator } = await userWithPasskey();
    const t0 = new Date();
    let last;
    for (let i = 0; i < 10; i++) {
      last = await stepUp({
        userId: user.id,
        sessionId: session.id,
        orgId: org.id,
        authenticator,
        knobs: { userVerified: false },
        now: new Date(t0.getTime() + i * 1000),
      });
    }
    expect(last).toMatchObject({ ok: false, kind: "locked", retryAfter: LOCKOUT_DURATION_SECONDS });
    expect((await auditRows({ actorUserId: user.id, action: "step_up.lockout" })).length).toBe(1);

    // Locked: even a perfect assertion is refused, and options are not handed out.
    const during = new Date(t0.getTime() + 60_000);
    expect(await startStepUp({ userId: user.id, sessionId: session.id, actionId: null, now: during })).toMatchObject({ kind: "locked" });
    const challenge = (
      await db.webAuthnChallenge.create({
        data: {
          challenge: `manual-${crypto.randomUUID()}`,
          ceremony: "stepup",
          userId: user.id,
          sessionId: session.id,
          expiresAt: new Date(during.getTime() + 60_000),
        },
      })
    ).challenge;
    const perfect = await completeStepUp({
      userId: user.id,
      sessionId: session.id,
      orgId: org.id,
      response: authenticator.assert({ challenge }),
      now: during,
    });
    expect(perfect).toMatchObject({ ok: false, kind: "locked" });
    expect(await grantsOf(user.id)).toBe(0);

    // 15 minutes after the lock: allowed again.
    const after = new Date(t0.getTime() + 9_000 + (LOCKOUT_DURATION_SECONDS + 1) * 1000);
    expect((await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, now: after })).ok).toBe(true);
  });

  it("nine failures do not lock", async () => {
    const { user, org, session, authenticator } = await userWithPasskey();
    for (let i = 0; i < 9; i++) {
      await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, knobs: { userVerified: false } });
    }
    expect((await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator })).ok).toBe(true);
  });
});
