// THE access decision. Every guarded server action and route handler asks this, in the
// same layers every time: session → org membership & role → license & feature → step-up.
// It returns a decision value (never throws for an expected "no"), so the action client,
// the route wrapper and the tests all see the same closed Refusal union.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { OrganizationNotFoundError, licenseFromRow, type License } from "@/lib/licensing/get-license";
import { ACTIONS, PLANS, can, describeMethods, stepUpRequirement } from "@/lib/licensing/policy";
import type { ActionId, Role, StepUpRequirement } from "@/lib/licensing/policy";
import { findUsableGrant, type UsableGrant } from "@/lib/step-up/grants";
import { lockedRefusal, retryAfterSeconds } from "@/lib/step-up/lockout";
import { readDecisionFacts, type DecisionFacts } from "@/lib/guard/decision-facts";
import type { Refusal } from "@/lib/action-result";
import type { GuardContext } from "@/lib/guard/context";
import { ssoStanding } from "@/lib/licensing/sso-standing";
import { SSO_REQUIRED_PATH } from "@/lib/sso/require-sso-path";

export type Decision =
  | {
      ok: true;
      license: License;
      requirement: StepUpRequirement | null;
      grant: UsableGrant | null;
      role: Role;
      /** An owner's break-glass not yet recorded for this session in the org (run-guarded.ts records it). */
      breakGlassToRecord: boolean;
    }
  | { ok: false; refusal: Refusal; stage: "session" | "membership" | "sso" | "license" | "step_up" };

const ROLE_NAMES = { member: "members", admin: "admins", owner: "owners" } as const;

/**
 * @param lock inside the action's transaction: license rows and the grant are read FOR
 *   SHARE so a concurrent downgrade or revocation serialises with the action.
 */
export async function authorize({
  actionId,
  ctx,
  now,
  tx = db,
  lock = false,
}: {
  actionId: ActionId;
  ctx: GuardContext | null;
  now: Date;
  tx?: Db;
  lock?: boolean;
}): Promise<Decision> {
  if (!ctx) return { ok: false, stage: "session", refusal: { kind: "unauthenticated", message: "Please sign in to continue." } };
  // Session, membership, license and lockout in one round trip (see decision-facts.ts).
  const facts = await readDecisionFacts({ tx, ctx, lock, now });
  const holder = ctx.kind === "session" ? { sessionId: ctx.sid } : { apiKeyId: ctx.apiKeyId };
  const grantFor = (requirement: StepUpRequirement) => findUsableGrant({ tx, holder, orgId: ctx.orgId, actionId, requirement, now, lock });
  return judge({ actionId, ctx, now, facts, grantFor });
}

/**
 * The layers, judged one after another in this order, on facts already read (authorize()
 * reads them; the guarded pipeline has them from guard_decide, see decide.ts). `grantFor`
 * is asked only when the action needs step-up.
 */
export async function judge({
  actionId,
  ctx,
  now,
  facts,
  grantFor,
}: {
  actionId: ActionId;
  ctx: GuardContext;
  now: Date;
  facts: DecisionFacts;
  grantFor: (requirement: StepUpRequirement) => Promise<UsableGrant | null>;
}): Promise<Decision> {
  const action = ACTIONS[actionId];

  // 1. Session (or API key) still live.
  if (!facts.holderLive) {
    const message = ctx.kind === "session" ? "Your session has ended. Please sign in again." : "This API key is not valid.";
    return { ok: false, stage: "session", refusal: { kind: "unauthenticated", message } };
  }

  // 2. Membership and role in the org, read now (a role change applies immediately).
  const role = facts.role;
  if (!role)
    return { ok: false, stage: "membership", refusal: { kind: "forbidden", message: "You are not a member of this organisation." } };
  // A membership row cascades from its org, so a member's org always has a license row.
  if (!facts.license) throw new OrganizationNotFoundError(ctx.orgId);
  const license = licenseFromRow(facts.license, now);
  // 2a. Require SSO: who the person is in this org depends on how they signed in. Judged
  // before role and plan so a member is told the one thing that lets them in.
  const sso = ssoStanding({ plan: license.plan, role, apiKey: ctx.kind === "api_key", ...facts.sso });
  if (sso === "refused") return { ok: false, stage: "sso", refusal: ssoRequiredRefusal(ctx) };
  const breakGlassToRecord = sso === "break_glass" && facts.sso.breakGlassAt === null;
  // 2b. Role, then 3. license and feature: can() judges both, in that order (API keys
  // additionally need the plan's API access), the same answer every UI hint shows.
  const verdict = can(actionId, { plan: license.plan, role, apiKey: ctx.kind === "api_key" });
  if (!verdict.ok && verdict.reason === "role") {
    return {
      ok: false,
      stage: "membership",
      refusal: { kind: "forbidden", message: `${action.label} is limited to ${ROLE_NAMES[verdict.minRole]} of this organisation.` },
    };
  }
  if (!verdict.ok) {
    const plan = verdict.plan;
    return {
      ok: false,
      stage: "license",
      refusal: { kind: "plan_required", plan, message: `${action.label} is available on the ${PLANS[plan].name} plan.` },
    };
  }

  // 4. Step-up freshness, after the org's own tightening.
  const requirement = stepUpRequirement(actionId, license.plan, license.stepUpOverrides);
  if (!requirement) return { ok: true, license, requirement, grant: null, role, breakGlassToRecord };
  const grant = await grantFor(requirement);
  if (grant) return { ok: true, license, requirement, grant, role, breakGlassToRecord };

  const retryAfter = retryAfterSeconds(facts.lockedUntil, now);
  if (retryAfter > 0) return { ok: false, stage: "step_up", refusal: lockedRefusal(retryAfter) };
  return { ok: false, stage: "step_up", refusal: stepUpRefusal(actionId, requirement, license.plan) };
}

/** The one writer of `sso_required`: where to sign in again, the account's email filled in. */
export function ssoRequiredRefusal(ctx: GuardContext): Refusal {
  const email = ctx.kind === "session" ? ctx.email : "";
  return {
    kind: "sso_required",
    startUrl: `${SSO_REQUIRED_PATH}?email=${encodeURIComponent(email)}`,
    message: "This organisation requires single sign-on. Sign in with your organisation's SSO to continue.",
  };
}

/**
 * The one writer of `step_up_required`: what the action needs (level, max age, methods and
 * strength) and why, e.g. "Bulk export needs a fresh check with a passkey on the Enterprise plan."
 */
export function stepUpRefusal(actionId: ActionId, requirement: StepUpRequirement, plan: License["plan"]): Refusal {
  return {
    kind: "step_up_required",
    actionId,
    level: requirement.level,
    maxAge: requirement.maxAge,
    methods: requirement.methods,
    minStrength: requirement.minStrength,
    message: `${ACTIONS[actionId].why} needs a fresh check with ${describeMethods(requirement.methods)} on the ${PLANS[plan].name} plan.`,
  };
}
