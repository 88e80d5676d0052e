// Step 2 of a step-up: verify the assertion and mint a grant bound to this session and
// org (or, when approving an API client's device-flow request, to that API key). Every
// outcome is audited; every failure counts toward the lockout.
//
// Round trips on the success path: two. One statement consumes the challenge and reads the
// passkey, the lockout and the org's license; after the signature check, commitStepUp
// writes counter, grant, cleared failures and audit in one statement.
import "server-only";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getLicense, licenseFromRow, OrganizationNotFoundError } from "@/lib/licensing/get-license";
import { isActionId, stepUpRequirement, type ActionId } from "@/lib/licensing/policy";
import { checkAssertion, type AssertionFailure, type CounterAdvance } from "@/lib/step-up/verify-assertion";
import { advanceCounter, selectStepUpContext } from "@/lib/step-up/step-up-sql";
import { clearStepUpFailures, lockedRefusal, recordStepUpFailure, retryAfterSeconds } from "@/lib/step-up/lockout";
import { createGrant, grantRow } from "@/lib/step-up/grants";
import { commitStepUp } from "@/lib/step-up/commit-step-up";
import { findApprovableRequest } from "@/lib/api-keys/approval-request";

export type CompleteStepUpResult =
  | { ok: true; grant: { id: string; level: string; verifiedAt: Date; expiresAt: Date; actionId: string | null } }
  | { ok: false; kind: "failed"; reason: AssertionFailure | "request_unavailable"; message: string }
  | { ok: false; kind: "locked"; retryAfter: number; message: string };

const FAILED_MESSAGE = "We could not verify that passkey. Please try again.";

export async function completeStepUp({
  userId,
  email = null,
  sessionId,
  orgId,
  response,
  now,
  ip = null,
}: {
  userId: string;
  email?: string | null;
  sessionId: string;
  /** The session's current org: the grant is bound to it. */
  orgId: string;
  response: unknown;
  now: Date;
  ip?: string | null;
}): Promise<CompleteStepUpResult> {
  const actor = { type: "user", userId, email } as const;
  // One round trip: the assertion's (consume the challenge, read the passkey) and, alongside,
  // the user's lockout and the org's license. The challenge is consumed even when the user
  // turns out to be locked: a burnt challenge costs a locked user nothing they could use.
  const verified = await checkAssertion({
    response,
    binding: { ceremony: "stepup", userId, sessionId },
    now,
    stepUpOf: { userId, orgId },
  });
  // A malformed response never reached the database; the lockout still has to be known.
  const context = verified.context ?? (await selectStepUpContext({ tx: db, userId, orgId }));
  const retryAfter = retryAfterSeconds(context.lockedUntil, now);
  if (retryAfter > 0) {
    await recordAuditEvent({
      orgId,
      actor,
      action: "step_up.verify",
      decision: "refused",
      method: "webauthn",
      detail: { reason: "locked", retryAfter },
      ip,
      at: now,
    });
    return { ok: false, ...lockedRefusal(retryAfter) };
  }
  if (!verified.ok) return fail({ userId, orgId, actor, reason: verified.reason, now, ip });

  const { challenge, passkey, counter } = verified;
  const actionId: ActionId | null = isActionId(challenge.actionId) ? challenge.actionId : null;

  if (challenge.apiStepUpRequestId) {
    return approveApiRequest({ requestId: challenge.apiStepUpRequestId, userId, approverOrgId: orgId, actor, counter, now, ip });
  }

  if (!context.license) throw new OrganizationNotFoundError(orgId);
  const license = licenseFromRow(context.license, now);
  const requirement = actionId ? stepUpRequirement(actionId, license.plan, license.stepUpOverrides) : null;
  const factor = { method: "passkey", passkeyId: passkey.id } as const;
  const grant = grantRow({ holder: { sessionId }, userId, orgId, factor, actionId, requirement, now });
  const committed = await commitStepUp({
    counter,
    grant,
    audit: {
      orgId,
      actor,
      action: "step_up.verify",
      decision: "succeeded",
      method: "webauthn",
      detail: { grantId: grant.id, level: grant.level, forAction: actionId, passkeyId: passkey.id, passkeyName: passkey.name },
      ip,
    },
    now,
  });
  if (!committed) return fail({ userId, orgId, actor, reason: "counter_replay", now, ip });
  return {
    ok: true,
    grant: { id: grant.id, level: grant.level, verifiedAt: grant.verifiedAt, expiresAt: grant.expiresAt, actionId: grant.actionId },
  };
}

async function fail({
  userId,
  orgId,
  actor,
  reason,
  now,
  ip,
}: {
  userId: string;
  orgId: string;
  actor: { type: "user"; userId: string; email: string | null };
  reason: AssertionFailure | "request_unavailable";
  now: Date;
  ip: string | null;
}): Promise<CompleteStepUpResult> {
  await recordAuditEvent({
    orgId,
    actor,
    action: "step_up.verify",
    decision: "failed",
    method: "webauthn",
    detail: { reason },
    ip,
    at: now,
  });
  const { lockedFor } = await recordStepUpFailure({ userId, orgId, reason, now, ip });
  if (lockedFor > 0) return { ok: false, ...lockedRefusal(lockedFor) };
  const message =
    reason === "user_not_verified"
      ? "Your authenticator did not verify you (PIN or biometrics). Please try again with verification."
      : reason === "request_unavailable"
        ? "That approval request has expired or was already used."
        : FAILED_MESSAGE;
  return { ok: false, kind: "failed", reason, message };
}

/**
 * Device flow: a member approves an API client's pending request with this assertion.
 * The grant is bound to the request's API key and action, issued under the key's org
 * policy; the request flips pending → approved exactly once.
 */
async function approveApiRequest({
  requestId,
  userId,
  approverOrgId,
  actor,
  counter,
  now,
  ip,
}: {
  requestId: string;
  userId: string;
  /** The approving session's current org. */
  approverOrgId: string;
  actor: { type: "user"; userId: string; email: string | null };
  counter: CounterAdvance;
  now: Date;
  ip: string | null;
}): Promise<CompleteStepUpResult> {
  const passkeyId = counter.passkeyId;
  // Who may approve is decided in lib/api-keys/approval-request.ts. A refusal is audited in
  // the approver's own org, never the key's: an outsider leaves no trace in the victim org.
  const request = await findApprovableRequest({ where: { id: requestId }, userId, now });
  if (!request) return fail({ userId, orgId: approverOrgId, actor, reason: "request_unavailable", now, ip });
  const { actionId } = request;
  const key = { id: request.key.id, orgId: request.org.id };
  const license = await getLicense({ orgId: key.orgId, now });
  const requirement = stepUpRequirement(actionId, license.plan, license.stepUpOverrides);
  const result = await db
    .$transaction(async (tx) => {
      // The counter moves with the approval, or neither happens (see commitStepUp).
      if (!(await advanceCounter({ tx, counter, now }))) throw new CounterNotAdvanced();
      const grant = await createGrant({
        tx,
        holder: { apiKeyId: key.id },
        userId,
        orgId: key.orgId,
        factor: { method: "passkey", passkeyId },
        actionId,
        requirement,
        now,
      });
      const { count } = await tx.apiStepUpRequest.updateMany({
        where: { id: request.id, status: "pending", expiresAt: { gt: now } },
        data: { status: "approved", approvedByUserId: userId, approvedAt: now, grantId: grant.id },
      });
      if (count !== 1) throw new RequestGone();
      return grant;
    })
    .catch((err: unknown) => (err instanceof RequestGone || err instanceof CounterNotAdvanced ? err : Promise.reject(err)));
  if (result instanceof CounterNotAdvanced) return fail({ userId, orgId: key.orgId, actor, reason: "counter_replay", now, ip });
  if (result instanceof RequestGone) return fail({ userId, orgId: key.orgId, actor, reason: "request_unavailable", now, ip });
  await clearStepUpFailures({ userId });
  await recordAuditEvent({
    orgId: key.orgId,
    actor,
    action: "step_up.approve_api",
    decision: "succeeded",
    method: "webauthn",
    detail: { grantId: result.id, apiKeyId: key.id, forAction: actionId, requestId: request.id, level: result.level },
    ip,
    at: now,
  });
  return { ok: true, grant: result };
}

class RequestGone extends Error {}
class CounterNotAdvanced extends Error {}
