// The license an organisation holds right now: effective plan (status → access applied),
// features, limits and its step-up overrides. Every guarded request calls this, so it is
// one indexed query (organization ⟕ subscription ⟕ security policy) and nothing else.
import "server-only";
import { z } from "zod";
import { db as defaultDb, type Db } from "@/lib/db/client";
import { now as serverNow } from "@/lib/clock";
import { selectLicense, selectLicenseForShare, type LicenseRow } from "@/lib/licensing/licensing-sql";
import { resolveAccess, type AccessReason } from "@/lib/licensing/access";
import { subscribedPlan } from "@/lib/licensing/subscribed-plan";
import {
  PLANS,
  STEP_UP_PRESETS,
  isActionId,
  parseFactorOverrides,
  planAllows,
  type Feature,
  type PlanDefinition,
  type PlanId,
  type StepUpOverrides,
  type StepUpPreset,
} from "@/lib/licensing/policy";

export type License = {
  orgId: string;
  /** What the org may use now (free when the subscription lapsed, ended or is unpaid). */
  plan: PlanId;
  /** What the org pays for (may differ from `plan`, e.g. past_due after the grace period). */
  subscribedPlan: PlanId;
  /** Stripe status, or null for an org that never subscribed. */
  status: string | null;
  reason: AccessReason;
  features: Feature[];
  limits: PlanDefinition["limits"];
  priceLookupKey: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  /** End of the past_due grace period, when in it. */
  graceEndsAt: Date | null;
  seats: number;
  /** The org's tightening of step-up presets; empty unless the plan has `security_policy`. */
  stepUpOverrides: StepUpOverrides;
};

export class OrganizationNotFoundError extends Error {
  constructor(orgId: string) {
    super(`Organization ${orgId} not found`);
    this.name = "OrganizationNotFoundError";
  }
}

const presetNames = Object.keys(STEP_UP_PRESETS) as [StepUpPreset, ...StepUpPreset[]];
const OverridesSchema = z.record(z.string(), z.unknown());

/** Keeps only well-formed entries (known action id → known preset); a bad row never throws. */
export function parseStepUpOverrides(raw: unknown): StepUpOverrides {
  const parsed = OverridesSchema.safeParse(raw);
  if (!parsed.success) return {};
  const out: StepUpOverrides = {};
  for (const [actionId, preset] of Object.entries(parsed.data)) {
    if (isActionId(actionId) && z.enum(presetNames).safeParse(preset).success) out[actionId] = preset as StepUpPreset;
  }
  // The org's factor narrowing per action (lib/admin/security-policy.ts), known ids only.
  const factors = Object.entries(parseFactorOverrides(parsed.data.factors)).filter(([id]) => isActionId(id));
  if (factors.length > 0) out.factors = Object.fromEntries(factors);
  return out;
}

/**
 * @param lock take `FOR SHARE` on the organization row and its subscription row, inside `tx`.
 *   The webhook sync updates both (FOR NO KEY UPDATE / UPDATE), so a guarded action that
 *   re-reads its license with `lock: true` before committing serialises with any concurrent
 *   plan change: either it sees the new plan, or the plan change waits for it to commit.
 */
export async function getLicense({
  orgId,
  tx,
  lock = false,
  now,
}: {
  orgId: string;
  tx?: Db;
  lock?: boolean;
  now?: Date;
}): Promise<License> {
  if (lock && !tx) throw new Error("getLicense({ lock: true }) needs the caller's transaction (tx)");
  const client = tx ?? defaultDb;
  const row = lock ? await selectLicenseForShare({ tx: client, orgId }) : await selectLicense({ tx: client, orgId });
  if (!row) throw new OrganizationNotFoundError(orgId);
  return licenseFromRow(row, now ?? (await serverNow()));
}

export function licenseFromRow(row: LicenseRow, now: Date): License {
  const access = resolveAccess({
    status: row.sub_status,
    plan: row.sub_plan,
    pastDueSince: row.past_due_since,
    currentPeriodEnd: row.current_period_end,
    now,
  });
  const plan = access.plan;
  const def: PlanDefinition = PLANS[plan];
  return {
    orgId: row.id,
    plan,
    subscribedPlan: subscribedPlan({ status: row.sub_status, plan: row.sub_plan, priceLookupKey: row.price_lookup_key }),
    status: row.sub_status,
    reason: access.reason,
    features: [...def.features],
    limits: def.limits,
    priceLookupKey: row.price_lookup_key,
    currentPeriodEnd: row.current_period_end,
    cancelAtPeriodEnd: row.cancel_at_period_end ?? false,
    trialEnd: row.trial_end,
    graceEndsAt: access.graceEndsAt,
    seats: row.seats ?? 1,
    // An org whose plan cannot set a policy keeps none (a downgrade switches it off).
    stepUpOverrides: planAllows("security.updatePolicy", plan).ok ? parseStepUpOverrides(row.overrides) : {},
  };
}
