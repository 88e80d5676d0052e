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
//
// The function picks the freshest grant whatever its method (the accepted methods, like the
// age, depend on the plan). When that grant's method is one the rule refuses (a TOTP grant
// before a passkey-only action), an older grant of an accepted method may still serve: that
// case alone costs one more statement, the method-filtered share read.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { sessionCutoffs } from "@/lib/auth/session-lifetime";
import { isRole } from "@/lib/licensing/policy";
import { ACTIONS, STEP_UP_PRESETS, factorSatisfies, ruleMaxAge, stepUpRulesOf } from "@/lib/licensing/policy";
import type { ActionId, StepUpRequirement } from "@/lib/licensing/policy";
import { findUsableGrant, type UsableGrant } from "@/lib/step-up/grants";
import { grantSatisfies } from "@/lib/step-up/grant-freshness";
import { IDEMPOTENCY_TTL_SECONDS, type IdempotencyClaim, type PriorRecord } from "@/lib/guard/idempotency";
import type { DecisionFacts } from "@/lib/guard/decision-facts";
import type { GuardContext } from "@/lib/guard/context";
import type pg from "pg";
import { callGuardDecide, callGuardDecidePg, type GuardDecideInput } from "@/lib/guard/guard-sql";

type GrantMode = "none" | "once" | "maybe_once" | "fresh";

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
  client = null,
  ctx,
  actionId,
  claim,
  now,
}: {
  tx: Tx;
  /** The transaction's own node-postgres connection, when the caller has it (run-guarded.ts). */
  client?: pg.ClientBase | null;
  ctx: GuardContext;
  actionId: ActionId;
  claim: IdempotencyClaim | null;
  now: Date;
}): Promise<Decided> {
  const { mode, maxAge } = grantModeOf(actionId);
  const sid = ctx.kind === "session" ? ctx.sid : null;
  const apiKeyId = ctx.kind === "api_key" ? ctx.apiKeyId : null;
  // On the transaction's own connection when there is one: the same statement without
  // Prisma's client cost (guard-sql.ts); otherwise through Prisma.
  const call = (q: GuardDecideInput) => (client ? callGuardDecidePg({ client, ...q }) : callGuardDecide({ tx, ...q }));
  const row = await call({
    holder: { orgId: ctx.orgId, userId: ctx.userId, sessionId: sid, apiKeyId },
    cutoffs: sessionCutoffs(now),
    actionId,
    claim,
    claimExpiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_SECONDS * 1000),
    now,
    grantMode: mode,
    grantMaxAge: maxAge,
    tightenable: ACTIONS[actionId].tightenable,
  });
  const grant: UsableGrant | null = row.grant;
  const spentId = row.grantConsumed ? (row.grant?.id ?? null) : null;
  const satisfying = (requirement: StepUpRequirement) => (grant && grantSatisfies({ grant, actionId, requirement, now }) ? grant : null);
  const holder = sid ? { sessionId: sid } : { apiKeyId: apiKeyId! };
  return {
    replayOf: row.claimed === false ? row.prior : null,
    facts: {
      holderLive: row.holderLive,
      role: row.role !== null && isRole(row.role) ? row.role : null,
      lockedUntil: row.lockedUntil,
      license: row.license,
      sso: row.sso,
    },
    spent: (grantId) => grantId === spentId,
    async grantFor(requirement) {
      const once = requirement.maxAge === 0;
      if (row.grantLock === "consume") return spentId ? satisfying(requirement) : null;
      if (row.grantLock === "update" && !once) {
        // `once` was possible but the plan asks for freshness: the share read it wants.
        return findUsableGrant({ tx, holder, orgId: ctx.orgId, actionId, requirement, now, lock: true });
      }
      if (row.grantLock === "none" || (row.grantLock === "share" && once)) {
        throw new Error(`guard_decide locked "${row.grantLock}" for ${actionId}, but the policy asks for max age ${requirement.maxAge}`);
      }
      const fit = satisfying(requirement);
      if (fit || !grant || once || factorSatisfies(grant, requirement)) return fit;
      return findUsableGrant({ tx, holder, orgId: ctx.orgId, actionId, requirement, now, lock: true });
    },
  };
}
