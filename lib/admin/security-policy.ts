// The org's step-up policy: which actions it may tighten, to what, and saving it.
// Stored in OrgSecurityPolicy.overrides as { [actionId]: preset } — exactly the shape
// getLicense's parseStepUpOverrides reads. Only tightenings are ever written.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { invalid, type Refusal } from "@/lib/action-result";
import { logger } from "@/lib/log";
import {
  ACTIONS,
  ACTION_IDS,
  FEATURES,
  STEP_UP_PRESETS,
  isActionId,
  isTightening,
  ruleMaxAge,
  stepUpRuleOn,
  type ActionId,
  type PlanId,
  type StepUpOverrides,
  type StepUpPreset,
  type StepUpRule,
} from "@/lib/licensing/policy";
import type { UpdateSecurityPolicyInput } from "@/lib/admin/schemas";

export type PolicyRow = {
  actionId: ActionId;
  label: string;
  feature: string | null;
  planDefault: StepUpRule;
  planDefaultLabel: string;
  /** Presets this org may choose (only those at least as strict as the plan's rule). */
  choices: { preset: StepUpPreset; label: string }[];
  current: StepUpPreset | "default";
};

export function describeRule(rule: StepUpRule): string {
  if (rule === "none") return "No step-up";
  if (typeof rule === "object") return `Custom (${rule.maxAge} s)`;
  return STEP_UP_PRESETS[rule].label;
}

const presets = Object.keys(STEP_UP_PRESETS) as StepUpPreset[];

/** The editor's rows: every tightenable action the plan can use, loosest choices last. */
export function securityPolicyRows({ plan, overrides }: { plan: PlanId; overrides: StepUpOverrides }): PolicyRow[] {
  return ACTION_IDS.flatMap((actionId) => {
    const action = ACTIONS[actionId];
    const planDefault = stepUpRuleOn(actionId, plan); // null: the plan lacks the action's feature
    if (!action.tightenable || planDefault === null) return [];
    const choices = presets
      .filter((p) => isTightening(actionId, plan, p) && p !== planDefault)
      .sort((a, b) => STEP_UP_PRESETS[a].maxAge - STEP_UP_PRESETS[b].maxAge)
      .map((preset) => ({ preset, label: STEP_UP_PRESETS[preset].label }));
    const override = overrides[actionId];
    return {
      actionId,
      label: action.label,
      feature: action.feature ? FEATURES[action.feature].label : null,
      planDefault,
      planDefaultLabel: describeRule(planDefault),
      choices,
      current: override && override !== planDefault && isTightening(actionId, plan, override) ? override : "default",
    };
  });
}

export type UpdateSecurityPolicyResult = { ok: true; overrides: StepUpOverrides; changed: ActionId[] } | { ok: false; refusal: Refusal };

/**
 * Validates the whole submitted policy against the plan before writing anything: an
 * unknown action id, an action that cannot be tightened, or a preset looser than the
 * plan's rule is reported per field and nothing is written.
 */
export async function updateSecurityPolicy({
  tx,
  orgId,
  actorUserId,
  plan,
  input,
}: {
  tx: Tx;
  orgId: string;
  actorUserId: string;
  plan: PlanId;
  input: UpdateSecurityPolicyInput;
}): Promise<UpdateSecurityPolicyResult> {
  const fields: Record<string, string> = {};
  const next: StepUpOverrides = {};
  for (const [key, choice] of Object.entries(input.overrides)) {
    if (!isActionId(key)) {
      fields[key] = `Unknown action "${key}".`;
      continue;
    }
    if (choice === "default") continue;
    const action = ACTIONS[key];
    const planRule = stepUpRuleOn(key, plan);
    if (!action.tightenable) fields[key] = `${action.label} cannot be changed by an organisation's policy.`;
    // No rule on this plan: the plan lacks the action's feature.
    else if (planRule === null) fields[key] = `${action.label} is not part of your plan.`;
    else if (!isTightening(key, plan, choice)) {
      fields[key] =
        `${STEP_UP_PRESETS[choice].label} is looser than your plan's ${describeRule(planRule).toLowerCase()} for ${action.label.toLowerCase()}; policies can only tighten.`;
    } else if (ruleMaxAge(planRule) !== STEP_UP_PRESETS[choice].maxAge) next[key] = choice;
  }
  if (Object.keys(fields).length > 0) return { ok: false, refusal: invalid(fields, "Some choices are not allowed. Nothing was saved.") };

  const before = await tx.orgSecurityPolicy.findUnique({ where: { orgId }, select: { overrides: true } });
  const previous = (before?.overrides ?? {}) as Record<string, unknown>;
  const changed = ACTION_IDS.filter((id) => (previous[id] ?? null) !== (next[id] ?? null));
  await tx.orgSecurityPolicy.upsert({
    where: { orgId },
    create: { orgId, overrides: next as Prisma.InputJsonValue, updatedByUserId: actorUserId },
    update: { overrides: next as Prisma.InputJsonValue, updatedByUserId: actorUserId },
  });
  logger.info({ event: "security.policy_updated", orgId, by: actorUserId, changed }, "security policy updated");
  return { ok: true, overrides: next, changed };
}
