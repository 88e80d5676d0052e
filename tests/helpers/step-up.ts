// Shared setup for step-up tests: a user with an org on a plan, a live session, and a
// passkey registered through the real ceremony with a software authenticator.
import { db } from "@/lib/db/client";
import type { PlanId } from "@/lib/licensing/policy";
import { startPasskeyRegistration, finishPasskeyRegistration } from "@/lib/step-up/register-passkey";
import { startStepUp } from "@/lib/step-up/start-step-up";
import { completeStepUp } from "@/lib/step-up/complete-step-up";
import type { ActionId } from "@/lib/licensing/policy";
import { createSession, createUserWithOrg, TEST_PASSWORD } from "@/tests/helpers/factories";
import { SoftAuthenticator, type CeremonyKnobs } from "@/tests/helpers/soft-authenticator";

export async function userWithPasskey({ plan = "pro" as PlanId, now = new Date() } = {}) {
  const { user, org } = await createUserWithOrg({ plan });
  const session = await createSession({ userId: user.id, orgId: org.id });
  const authenticator = new SoftAuthenticator();
  const passkey = await registerPasskey({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, now });
  return { user, org, session, authenticator, passkey };
}

export async function registerPasskey({
  userId,
  sessionId,
  orgId,
  authenticator,
  existing,
  now = new Date(),
}: {
  userId: string;
  sessionId: string;
  orgId: string;
  authenticator: SoftAuthenticator;
  /** For a second passkey: an enrolled authenticator that steps up for `passkeys.add` first. */
  existing?: SoftAuthenticator;
  now?: Date;
}) {
  if (existing) {
    const granted = await stepUp({ userId, sessionId, orgId, authenticator: existing, actionId: "passkeys.add", now });
    if (!granted.ok) throw new Error(`step-up for passkeys.add failed: ${granted.kind}`);
  }
  const started = await startPasskeyRegistration({ userId, sessionId, orgId, password: TEST_PASSWORD, now });
  if (!started.ok) throw new Error(`registration start failed: ${started.kind}`);
  const finished = await finishPasskeyRegistration({
    userId,
    sessionId,
    orgId,
    response: authenticator.register({ challenge: started.options.challenge }),
    name: "Test key",
    now,
  });
  if (!finished.ok) throw new Error(`registration failed: ${finished.reason}`);
  return finished.passkey;
}

/** Issues a step-up challenge for the session (throws if the user has no passkey). */
export async function stepUpChallenge({
  userId,
  sessionId,
  actionId = null,
  now = new Date(),
}: {
  userId: string;
  sessionId: string;
  actionId?: ActionId | null;
  now?: Date;
}) {
  const started = await startStepUp({ userId, sessionId, actionId, now });
  if (started.kind !== "options") throw new Error(`expected options, got ${started.kind}`);
  return started.options.challenge;
}

/** A full, honest step-up for the session; returns the grant result. */
export async function stepUp({
  userId,
  sessionId,
  orgId,
  authenticator,
  actionId = null,
  now = new Date(),
  knobs = {},
}: {
  userId: string;
  sessionId: string;
  orgId: string;
  authenticator: SoftAuthenticator;
  actionId?: ActionId | null;
  now?: Date;
  knobs?: CeremonyKnobs;
}) {
  const challenge = await stepUpChallenge({ userId, sessionId, actionId, now });
  return completeStepUp({ userId, sessionId, orgId, response: authenticator.assert({ challenge, ...knobs }), now });
}

export const auditRows = (where: { actorUserId?: string; orgId?: string; action?: string }) =>
  db.auditEvent.findMany({ where, orderBy: { id: "asc" } });
