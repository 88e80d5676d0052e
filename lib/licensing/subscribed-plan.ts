// What an organisation pays for, as opposed to what it may use now (resolveAccess): the
// plan its subscription's price names. The license, the webhook sync's before/after and
// the lapse sweep all compare plans with this one function, so a plan change is detected
// the same way whichever of them looks.
import { isPlanId, planForLookupKey, type PlanId } from "@/lib/licensing/policy";

/**
 * The price's lookup key decides (it survives a plan being renamed in the catalog); the
 * stored plan is the fallback for a key the catalog no longer knows; no subscription is free.
 */
export function subscribedPlan(row: { status: string | null; plan: string | null; priceLookupKey: string | null } | null): PlanId {
  if (!row?.status) return "free";
  return planForLookupKey(row.priceLookupKey) ?? (isPlanId(row.plan) ? row.plan : "free");
}
