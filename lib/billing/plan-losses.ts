// What a plan change takes away, for the quote dialog's "You lose" lines and the billing
// page after a downgrade: the policy features of `from` that `to` lacks, each with what
// people will notice. Derived from the plans in lib/licensing/policy.ts, so a new feature
// gets its line without touching this file; `consequence` only adds the org's own facts
// (its SSO domains) to a feature's words. Pure: the page passes what it read.
import { FEATURES, PLANS, type Feature, type PlanId } from "@/lib/licensing/policy";

export type PlanLoss = { feature: Feature; label: string; line: string };

/** The people-facing effect of losing a feature, where the org's data makes it more specific. */
function consequence(feature: Feature, { ssoDomains, toName }: { ssoDomains: string[]; toName: string }): string {
  if (feature === "sso" && ssoDomains.length) {
    return `Members of ${ssoDomains.join(", ")} will sign in with their password or passkey; SSO sign-in stops.`;
  }
  return `${FEATURES[feature].description} Not on the ${toName} plan.`;
}

export function planChangeLosses({ from, to, ssoDomains = [] }: { from: PlanId; to: PlanId; ssoDomains?: string[] }): PlanLoss[] {
  const kept = new Set<Feature>(PLANS[to].features);
  return (PLANS[from].features as readonly Feature[])
    .filter((f) => !kept.has(f))
    .map((feature) => ({
      feature,
      label: FEATURES[feature].label,
      line: consequence(feature, { ssoDomains, toName: PLANS[to].name }),
    }));
}
