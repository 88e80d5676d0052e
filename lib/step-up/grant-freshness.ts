// The one rule that decides whether a step-up grant satisfies an action, as a pure function
// of the grant, the requirement and `now` (so tests can stand one second either side of a
// TTL without sleeping). The grant reads (step-up-sql.ts, guard_decide) pre-filter with the
// same rule; this function has the last word.
import type { StepUpRequirement } from "@/lib/licensing/policy";

export type GrantFacts = {
  actionId: string | null;
  verifiedAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
  revokedAt: Date | null;
};

export function grantSatisfies({
  grant,
  actionId,
  requirement,
  now,
}: {
  grant: GrantFacts;
  actionId: string;
  requirement: Pick<StepUpRequirement, "maxAge">;
  now: Date;
}): boolean {
  if (grant.revokedAt || grant.consumedAt) return false;
  const t = now.getTime();
  if (grant.expiresAt.getTime() <= t) return false;
  const age = t - grant.verifiedAt.getTime();
  if (age < 0) return false; // a grant from the future is a clock bug, never a pass
  // A grant scoped to one action (single-use, or an API client's approval) serves only it.
  if (grant.actionId !== null && grant.actionId !== actionId) return false;
  // `once` (max age 0): only a grant minted for this very action, spent with it.
  if (requirement.maxAge === 0) return grant.actionId === actionId;
  // Freshness: now - verifiedAt <= maxAge. One second more is refused.
  return age <= requirement.maxAge * 1000;
}
