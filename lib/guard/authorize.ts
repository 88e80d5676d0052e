// THE access decision. Every guarded server action and route handler asks this, in the
// same layers every time: session → org membership & role → license & feature → step-up.
// It returns a decision value (never throws for an expected "no"), so the action client,
// the route wrapper and the tests all see the same closed Refusal union.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { getLicense, type License } from "@/lib/licensing/get-license";
import {
  ACTIONS,
  PLANS,
  cheapestPlanWith,
  planHasFeature,
  roleAtLeast,
  stepUpRequirement,
  type ActionId,
  type StepUpRequirement,
} from "@/lib/licensing/policy";
import { findUsableGrant, type UsableGrant } from "@/lib/step-up/grants";
import { lockedMessage, stepUpRetryAfter } from "@/lib/step-up/lockout";
import type { Refusal } from "@/lib/action-result";
import type { GuardContext } from "@/lib/guard/context";

export type Decision =
  | { ok: true; license: License; requirement: StepUpRequirement | null; grant: UsableGrant | null; role: string }
  | { ok: false; refusal: Refusal; stage: "session" | "membership" | "license" | "step_up" };

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
  const action = ACTIONS[actionId];

  // 1. Session (or API key) still live.
  if (!ctx) return { ok: false, stage: "session", refusal: { kind: "unauthenticated", message: "Please sign in to continue." } };
  if (ctx.kind === "session") {
    const session = await tx.session.findUnique({ where: { id: ctx.sid }, select: { userId: true, revokedAt: true } });
    if (!session || session.revokedAt || session.userId !== ctx.userId) {
      return { ok: false, stage: "session", refusal: { kind: "unauthenticated", message: "Your session has ended. Please sign in again." } };
    }
  } else {
    const key = await tx.apiKey.findUnique({ where: { id: ctx.apiKeyId }, select: { orgId: true, revokedAt: true } });
    if (!key || key.revokedAt || key.orgId !== ctx.orgId) {
      return { ok: false, stage: "session", refusal: { kind: "unauthenticated", message: "This API key is not valid." } };
    }
  }

  // 2. Membership and role in the org, read now (a role change applies immediately).
  const membership = await tx.membership.findUnique({
    where: { orgId_userId: { orgId: ctx.orgId, userId: ctx.userId } },
    select: { role: true },
  });
  if (!membership) return { ok: false, stage: "membership", refusal: { kind: "forbidden", message: "You are not a member of this organisation." } };
  if (!roleAtLeast(membership.role, action.minRole)) {
    return {
      ok: false,
      stage: "membership",
      refusal: { kind: "forbidden", message: `${action.label} is limited to ${ROLE_NAMES[action.minRole]} of this organisation.` },
    };
  }

  // 3. License and feature (API keys additionally need the plan's API access).
  const license = await getLicense({ orgId: ctx.orgId, tx: lock ? tx : undefined, lock, now });
  for (const feature of ctx.kind === "api_key" ? [action.feature, "api_access" as const] : [action.feature]) {
    if (feature && !planHasFeature(license.plan, feature)) {
      const plan = cheapestPlanWith(feature);
      return {
        ok: false,
        stage: "license",
        refusal: { kind: "plan_required", plan, message: `${action.label} is available on the ${PLANS[plan].name} plan.` },
      };
    }
  }

  // 4. Step-up freshness, after the org's own tightening.
  const requirement = stepUpRequirement(actionId, license.plan, license.stepUpOverrides);
  if (!requirement) return { ok: true, license, requirement, grant: null, role: membership.role };
  const holder = ctx.kind === "session" ? { sessionId: ctx.sid } : { apiKeyId: ctx.apiKeyId };
  const grant = await findUsableGrant({ tx, holder, orgId: ctx.orgId, actionId, requirement, now, lock });
  if (grant) return { ok: true, license, requirement, grant, role: membership.role };

  const retryAfter = await stepUpRetryAfter({ tx, userId: ctx.userId, now });
  if (retryAfter > 0) return { ok: false, stage: "step_up", refusal: { kind: "locked", retryAfter, message: lockedMessage(retryAfter) } };
  return {
    ok: false,
    stage: "step_up",
    refusal: {
      kind: "step_up_required",
      actionId,
      level: requirement.level,
      maxAge: requirement.maxAge,
      methods: requirement.methods,
      message: stepUpMessage(actionId, license.plan),
    },
  };
}

/** "Exporting customer data needs a fresh passkey check on the Pro plan." */
export function stepUpMessage(actionId: ActionId, plan: License["plan"]): string {
  return `${ACTIONS[actionId].why} needs a fresh passkey check on the ${PLANS[plan].name} plan.`;
}
