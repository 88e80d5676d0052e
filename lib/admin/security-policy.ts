// The org's step-up policy: which actions it may tighten, to what, and saving it. Two knobs
// per action, both tighten-only: how fresh the check must be (a stricter preset) and which
// factors it accepts (a narrower factor set, e.g. passkey only where the plan accepts an
// authenticator app too). Stored in OrgSecurityPolicy.overrides as { [actionId]: preset,
// factors: { [actionId]: factorSet } } — exactly the shape getLicense's parseStepUpOverrides
// reads. Only tightenings are ever written.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { invalid, type Refusal } from "@/lib/action-result";
import { logger } from "@/lib/log";
import {
  ACTIONS,
  ACTION_IDS,
  FACTOR_SETS,
  FACTOR_SET_IDS,
  FEATURES,
  isFactorSetId,
  isNarrowing,
  ruleFactors,
  STEP_UP_PRESETS,
  isActionId,
  isTightening,
  ruleMaxAge,
  stepUpRuleOn,
  type ActionId,
  type FactorSetId,
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
  factorsDefaultLabel: string;
  /** Factor sets this org may choose instead (only narrower than the plan's). */
  factorChoices: { factors: FactorSetId; label: string }[];
  factorsCurrent: FactorSetId | "default";
};

export function describeRule(rule: StepUpRule): string {
  if (rule === "none") return "No step-up";
  if (typeof rule !== "object") return STEP_UP_PRESETS[rule].label;
  return "preset" in rule ? STEP_UP_PRESETS[rule.preset].label : `Custom (${rule.maxAge} s)`;
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
    const baseFactors = ruleFactors(planDefault);
    const narrowed = overrides.factors?.[actionId];
    return {
      actionId,
      label: action.label,
      feature: action.feature ? FEATURES[action.feature].label : null,
      planDefault,
      planDefaultLabel: describeRule(planDefault),
      choices,
      current: override && override !== planDefault && isTightening(actionId, plan, override) ? override : "default",
      factorsDefaultLabel: FACTOR_SETS[baseFactors].label,
      factorChoices: FACTOR_SET_IDS.filter((f) => f !== baseFactors && isNarrowing(f, baseFactors)).map((f) => ({
        factors: f,
        label: FACTOR_SETS[f].label,
      })),
      factorsCurrent: narrowed && narrowed !== baseFactors && isNarrowing(narrowed, baseFactors) ? narrowed : "default",
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
  const factors = factorNarrowings({ plan, input: input.factors, fields });
  if (Object.keys(factors).length > 0) next.factors = factors;
  if (Object.keys(fields).length > 0) return { ok: false, refusal: invalid(fields, "Some choices are not allowed. Nothing was saved.") };

  const before = await tx.orgSecurityPolicy.findUnique({ where: { orgId }, select: { overrides: true } });
  const previous = (before?.overrides ?? {}) as Record<string, unknown>;
  const previousFactors = (previous.factors ?? {}) as Record<string, unknown>;
  const changed = ACTION_IDS.filter(
    (id) => (previous[id] ?? null) !== (next[id] ?? null) || (previousFactors[id] ?? null) !== (factors[id] ?? null),
  );
  await tx.orgSecurityPolicy.upsert({
    where: { orgId },
    create: { orgId, overrides: next as Prisma.InputJsonValue, updatedByUserId: actorUserId },
    update: { overrides: next as Prisma.InputJsonValue, updatedByUserId: actorUserId },
  });
  logger.info({ event: "security.policy_updated", orgId, by: actorUserId, changed }, "security policy updated");
  return { ok: true, overrides: next, changed };
}

/**
 * The submitted factor choices, checked like presets: a known, tightenable action of the
 * plan, and a set that narrows the plan's (a wider one is reported, never saved). Choices
 * equal to the plan's own set are dropped: "default" is stored as nothing.
 */
function factorNarrowings({
  plan,
  input,
  fields,
}: {
  plan: PlanId;
  input: Record<string, string>;
  fields: Record<string, string>;
}): Partial<Record<ActionId, FactorSetId>> {
  const out: Partial<Record<ActionId, FactorSetId>> = {};
  for (const [key, choice] of Object.entries(input)) {
    const field = `factors.${key}`;
    if (!isActionId(key)) {
      fields[field] = `Unknown action "${key}".`;
      continue;
    }
    if (choice === "default") continue;
    const action = ACTIONS[key];
    const planRule = stepUpRuleOn(key, plan);
    if (!isFactorSetId(choice)) fields[field] = "Choose one of the listed factor choices.";
    else if (!action.tightenable) fields[field] = `${action.label} cannot be changed by an organisation's policy.`;
    else if (planRule === null) fields[field] = `${action.label} is not part of your plan.`;
    else if (!isNarrowing(choice, ruleFactors(planRule))) {
      fields[field] =
        `${FACTOR_SETS[choice].label} accepts more than your plan's ${FACTOR_SETS[ruleFactors(planRule)].label.toLowerCase()} for ${action.label.toLowerCase()}; policies can only tighten.`;
    } else if (choice !== ruleFactors(planRule)) out[key] = choice;
  }
  return out;
}
