// The guarded pipeline's decision input in ONE round trip: the idempotency claim, the facts
// (holder, role, lockout, license FOR SHARE) and the step-up grant, fetched and locked by the
// guard_decide() function (prisma/migrations/20261201130000_guard_decide: the order of its
// statements and why it is that order). It only fetches; authorize.ts judges.
//
// Which grant to lock is decided here, before the plan is known: the requirement depends on
// the plan, and the plan on the license read in the same call. So the static policy tells
// the function what an action can ever need (grantMode): nothing (no grant is touched), `once`
// on every plan (the scoped grant FOR UPDATE, spent in the call), or a freshness that depends
// on the plan (the freshest general-or-scoped grant within the loosest age the action has on
// any plan, FOR SHARE — the row the exact requirement would have picked, since a tighter age
// only drops older rows). When `once` is possible but not certain (an org override, or a plan
// rule), the scoped grant is taken FOR UPDATE and judged here; spending it, or the plain share
// read a looser requirement wants, is then one more statement. A grant the policy ends up not
// needing stays share-locked until commit: a revocation of it waits for this one action.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { sessionCutoffs } from "@/lib/auth/session-lifetime";
import { isRole } from "@/lib/licensing/policy";
import { ACTIONS, STEP_UP_PRESETS, ruleMaxAge, stepUpRulesOf, type ActionId, type StepUpRequirement } from "@/lib/licensing/policy";
import type { LicenseRow } from "@/lib/licensing/get-license";
import { findUsableGrant, type UsableGrant } from "@/lib/step-up/grants";
import { grantSatisfies } from "@/lib/step-up/grant-freshness";
import { IDEMPOTENCY_TTL_SECONDS, type IdempotencyClaim, type PriorRecord } from "@/lib/guard/idempotency";
import type { DecisionFacts } from "@/lib/guard/decision-facts";
import type { GuardContext } from "@/lib/guard/context";

type GrantMode = "none" | "once" | "maybe_once" | "fresh";
type GrantLock = "none" | "consume" | "update" | "share";

/** What an action can ever need, from the policy table alone (overrides only tighten). */
export function grantModeOf(actionId: ActionId): { mode: GrantMode; maxAge: number } {
  const action = ACTIONS[actionId];
  const ages = stepUpRulesOf(actionId).map(ruleMaxAge); // plans without the feature never reach step-up
  const loosest = action.tightenable ? Math.max(...Object.values(STEP_UP_PRESETS).map((p) => p.maxAge)) : 0;
  const maxAge = Math.max(loosest, ...ages.map((a) => a ?? 0));
  if (ages.every((a) => a === 0)) return { mode: "once", maxAge: 0 };
  if (ages.every((a) => a === null) && !action.tightenable) return { mode: "none", maxAge: 0 };
  return { mode: ages.some((a) => a === 0) ? "maybe_once" : "fresh", maxAge };
}

type Row = {
  claimed: boolean | null;
  prior_org_id: string | null;
  prior_action_id: string | null;
  prior_input_hash: string | null;
  prior_result: unknown;
  holder_live: boolean | null;
  role: string | null;
  locked_until: Date | null;
  grant_lock: GrantLock;
  grant_id: string | null;
  grant_action_id: string | null;
  grant_verified_at: Date | null;
  grant_expires_at: Date | null;
  grant_consumed_at: Date | null;
  grant_revoked_at: Date | null;
  grant_passkey_id: string | null;
  grant_level: string | null;
  grant_method: string | null;
  grant_consumed: boolean | null;
} & { [K in keyof LicenseRow]: LicenseRow[K] | null };

export type Decided = {
  /** null without a key; otherwise the record a replay repeats (see idempotency.ts). */
  replayOf: PriorRecord | null;
  facts: DecisionFacts;
  /** The grant for `requirement` (authorize's grant lookup), locked as before. */
  grantFor: (requirement: StepUpRequirement) => Promise<UsableGrant | null>;
  /** Was this grant already spent by the call (a `once` action)? */
  spent: (grantId: string) => boolean;
};

export async function guardDecide({
  tx,
  ctx,
  actionId,
  claim,
  now,
}: {
  tx: Tx;
  ctx: GuardContext;
  actionId: ActionId;
  claim: IdempotencyClaim | null;
  now: Date;
}): Promise<Decided> {
  const { mode, maxAge } = grantModeOf(actionId);
  const { createdAfter, lastSeenAfter } = sessionCutoffs(now);
  const sid = ctx.kind === "session" ? ctx.sid : null;
  const apiKeyId = ctx.kind === "api_key" ? ctx.apiKeyId : null;
  const expiresAt = new Date(now.getTime() + IDEMPOTENCY_TTL_SECONDS * 1000);
  const rows = await tx.$queryRaw<Row[]>(Prisma.sql`
    SELECT * FROM guard_decide(${claim?.scope ?? null}, ${claim?.key ?? null}, ${actionId}, ${claim?.inputHash ?? null}, ${expiresAt},
      ${now}, ${ctx.orgId}::uuid, ${ctx.userId}::uuid, ${sid}::uuid, ${apiKeyId}::uuid,
      ${createdAfter}, ${lastSeenAfter}, ${mode}, ${maxAge}::int, ${ACTIONS[actionId].tightenable})`);
  const row = rows[0]!;
  const grant: UsableGrant | null = row.grant_id
    ? {
        id: row.grant_id,
        actionId: row.grant_action_id,
        verifiedAt: row.grant_verified_at!,
        expiresAt: row.grant_expires_at!,
        consumedAt: row.grant_consumed_at,
        revokedAt: row.grant_revoked_at,
        passkeyId: row.grant_passkey_id,
        level: row.grant_level!,
        method: row.grant_method!,
      }
    : null;
  const spentId = row.grant_consumed ? row.grant_id : null;
  const satisfying = (requirement: StepUpRequirement) => (grant && grantSatisfies({ grant, actionId, requirement, now }) ? grant : null);
  const holder = sid ? { sessionId: sid } : { apiKeyId: apiKeyId! };
  return {
    replayOf:
      row.claimed === false
        ? { orgId: row.prior_org_id, actionId: row.prior_action_id, inputHash: row.prior_input_hash, result: row.prior_result }
        : null,
    facts: {
      holderLive: row.holder_live === true,
      role: row.role !== null && isRole(row.role) ? row.role : null,
      lockedUntil: row.locked_until,
      license: row.id ? (licenseColumns(row) as LicenseRow) : null,
    },
    spent: (grantId) => grantId === spentId,
    async grantFor(requirement) {
      const once = requirement.maxAge === 0;
      if (row.grant_lock === "consume") return spentId ? satisfying(requirement) : null;
      if (row.grant_lock === "update" && !once) {
        // `once` was possible but the plan asks for freshness: the share read it wants.
        return findUsableGrant({ tx, holder, orgId: ctx.orgId, actionId, requirement, now, lock: true });
      }
      if (row.grant_lock === "none" || (row.grant_lock === "share" && once)) {
        throw new Error(`guard_decide locked "${row.grant_lock}" for ${actionId}, but the policy asks for max age ${requirement.maxAge}`);
      }
      return satisfying(requirement);
    },
  };
}

function licenseColumns(row: Row): { [K in keyof LicenseRow]: LicenseRow[K] | null } {
  const {
    id,
    sub_status,
    sub_plan,
    price_lookup_key,
    current_period_end,
    cancel_at_period_end,
    trial_end,
    seats,
    past_due_since,
    overrides,
  } = row;
  return {
    id,
    sub_status,
    sub_plan,
    price_lookup_key,
    current_period_end,
    cancel_at_period_end,
    trial_end,
    seats,
    past_due_since,
    overrides,
  };
}
