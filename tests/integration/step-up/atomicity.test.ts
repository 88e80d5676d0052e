// The step-up's writes are a few combined SQL statements (consume challenge + read passkey;
// counter + grant + cleared failures + audit). These pin what combining must not lose:
// exactly-once under concurrency, all-or-nothing on a lost counter race, exact times.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { completeStepUp } from "@/lib/step-up/complete-step-up";
import { startStepUp } from "@/lib/step-up/start-step-up";
import { CHALLENGE_TTL_SECONDS, MAX_GRANT_AGE_SECONDS } from "@/lib/step-up/config";
import { auditRows, stepUp, stepUpChallenge, userWithPasskey } from "@/tests/helpers/step-up";

const successes = async (userId: string) =>
  (await auditRows({ actorUserId: userId, action: "step_up.verify" })).filter((r) => r.decision === "succeeded").length;

describe("step-up atomicity", () => {
  it("two concurrent uses of one challenge mint exactly one grant", async () => {
    const { user, org, session, authenticator } = await userWithPasskey();
    const challenge = await stepUpChallenge({ userId: user.id, sessionId: session.id });
    const [a, b] = [authenticator.assert({ challenge }), authenticator.assert({ challenge })];
    const results = await Promise.all(
      [a, b].map((response) => completeStepUp({ userId: user.id, sessionId: session.id, orgId: org.id, response, now: new Date() })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, reason: "challenge_reused" });
    expect(await db.stepUpGrant.count({ where: { userId: user.id } })).toBe(1);
    expect(await successes(user.id)).toBe(1);
  });

  it("two assertions racing on one stored counter: one grant, and the loser writes nothing but its failure", async () => {
    const { user, org, session, authenticator, passkey } = await userWithPasskey();
    const [c1, c2] = [
      await stepUpChallenge({ userId: user.id, sessionId: session.id }),
      await stepUpChallenge({ userId: user.id, sessionId: session.id }),
    ];
    const results = await Promise.all(
      [c1, c2].map((challenge) =>
        completeStepUp({
          userId: user.id,
          sessionId: session.id,
          orgId: org.id,
          response: authenticator.assert({ challenge, counter: 5 }),
          now: new Date(),
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, reason: "counter_replay" });
    expect(await db.stepUpGrant.count({ where: { userId: user.id } })).toBe(1);
    expect(await successes(user.id)).toBe(1);
    expect((await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).counter).toBe(5n);
    expect(await db.stepUpFailure.count({ where: { userId: user.id, reason: "counter_replay" } })).toBe(1);
  });

  it("stores the verification's own times, to the millisecond", async () => {
    const { user, org, session, authenticator } = await userWithPasskey();
    const now = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000 + 123);
    const challenge = await stepUpChallenge({ userId: user.id, sessionId: session.id, actionId: "exports.csv", now });
    const stored = await db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge } });
    expect(stored).toMatchObject({
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_SECONDS * 1000),
      actionId: "exports.csv",
      consumedAt: null,
    });

    const result = await completeStepUp({
      userId: user.id,
      sessionId: session.id,
      orgId: org.id,
      response: authenticator.assert({ challenge }),
      now,
    });
    expect(result.ok).toBe(true);
    expect(await db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge } })).toMatchObject({ consumedAt: now });
    const grant = await db.stepUpGrant.findFirstOrThrow({ where: { userId: user.id } });
    expect(grant).toMatchObject({
      verifiedAt: now,
      expiresAt: new Date(now.getTime() + MAX_GRANT_AGE_SECONDS * 1000),
      sessionId: session.id,
      apiKeyId: null,
    });
    if (result.ok) expect(result.grant).toMatchObject({ id: grant.id, verifiedAt: now, expiresAt: grant.expiresAt, level: grant.level });
    const audit = (await auditRows({ actorUserId: user.id, action: "step_up.verify" })).at(-1);
    expect(audit).toMatchObject({
      createdAt: now,
      orgId: org.id,
      decision: "succeeded",
      detail: { grantId: grant.id, forAction: "exports.csv" },
    });
  });

  it("a success clears the failure window", async () => {
    const { user, org, session, authenticator } = await userWithPasskey();
    for (let i = 0; i < 3; i++) {
      await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, knobs: { userVerified: false } });
    }
    expect(await db.stepUpFailure.count({ where: { userId: user.id } })).toBe(3);
    expect((await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator })).ok).toBe(true);
    expect(await db.stepUpFailure.count({ where: { userId: user.id } })).toBe(0);
  });

  it("stores no challenge while locked, and answers with the time left", async () => {
    const { user, session } = await userWithPasskey();
    const now = new Date();
    await db.stepUpLockout.create({ data: { userId: user.id, lockedUntil: new Date(now.getTime() + 90_000), createdAt: now } });
    const before = await db.webAuthnChallenge.count({ where: { userId: user.id } });
    expect(await startStepUp({ userId: user.id, sessionId: session.id, actionId: null, now })).toMatchObject({
      kind: "locked",
      retryAfter: 90,
    });
    expect(await db.webAuthnChallenge.count({ where: { userId: user.id } })).toBe(before);
  });
});
