// The one rule that decides whether a step-up grant satisfies an action, as a pure function
// of the grant, the requirement and `now` (so tests can stand one second either side of a
// TTL without sleeping). The grant reads (step-up-grants-sql.ts, guard_decide) pre-filter
// with parts of the same rule; this function has the last word.
import { factorSatisfies, type StepUpRequirement } from "@/lib/licensing/policy";

export type GrantFacts = {
  actionId: string | null;
  verifiedAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
  revokedAt: Date | null;
  /** The method that earned the grant and the strength it proved. */
  method: string;
  strength: string;
};

export function grantSatisfies({
  grant,
  actionId,
  requirement,
  now,
}: {
  grant: GrantFacts;
  actionId: string;
  requirement: Pick<StepUpRequirement, "maxAge" | "methods" | "minStrength">;
  now: Date;
}): boolean {
  if (grant.revokedAt || grant.consumedAt) return false;
  // A grant from a method the rule does not accept, or weaker than it asks, never serves it
  // (a TOTP grant is no passkey check, however fresh).
  if (!factorSatisfies(grant, requirement)) return false;
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
