// Subscription status → the plan an organisation may actually use. Written once, here;
// getLicense, the billing page and the webhook's "did the plan change?" all call it.
// Pure (the caller passes `now`), so every status and every grace boundary is unit-tested.
import { isPlanId, type PlanId } from "@/lib/licensing/policy";

/** Every status Stripe gives a subscription (current API). */
export const SUBSCRIPTION_STATUSES = [
  "trialing",
  "active",
  "past_due",
  "incomplete",
  "incomplete_expired",
  "unpaid",
  "canceled",
  "paused",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export function isSubscriptionStatus(value: unknown): value is SubscriptionStatus {
  return typeof value === "string" && (SUBSCRIPTION_STATUSES as readonly string[]).includes(value);
}

/** A `past_due` subscription keeps its plan this long, then falls to free. */
export const PAST_DUE_GRACE_DAYS = 7;
/**
 * An active/trialing subscription whose period end has passed keeps its plan this much
 * longer. Stripe rolls the period over at the exact second and the renewal webhook lands
 * moments later; without this slack every renewal would flap the org to free.
 */
export const PERIOD_END_LEEWAY_SECONDS = 60 * 60;

export const PAST_DUE_GRACE_MS = PAST_DUE_GRACE_DAYS * 86_400_000;
export const PERIOD_END_LEEWAY_MS = PERIOD_END_LEEWAY_SECONDS * 1000;

export type AccessInput = {
  /** Stripe status as stored; anything unknown is treated as no access. */
  status: string | null;
  /** The plan the subscription is for (from its price lookup key). */
  plan: string | null;
  /** When we first saw the subscription `past_due` (start of the grace period). */
  pastDueSince: Date | null;
  currentPeriodEnd: Date | null;
  now: Date;
};

export type AccessReason =
  "no_subscription" | "active" | "trialing" | "past_due_grace" | "past_due_expired" | "period_ended" | "inactive_status";

export type Access = { plan: PlanId; reason: AccessReason; graceEndsAt: Date | null };

const FREE = "free" as const;

/**
 * trialing/active → plan (until the period end + leeway has passed with no renewal);
 * past_due → plan for PAST_DUE_GRACE_DAYS from pastDueSince, then free;
 * incomplete, incomplete_expired, unpaid, canceled, paused (and anything unknown) → free.
 * Boundaries are half-open: at exactly `pastDueSince + 7 days` the grace is over.
 */
export function resolveAccess({ status, plan, pastDueSince, currentPeriodEnd, now }: AccessInput): Access {
  if (!status || !isPlanId(plan)) return { plan: FREE, reason: "no_subscription", graceEndsAt: null };
  const t = now.getTime();
  switch (status) {
    case "trialing":
    case "active": {
      if (currentPeriodEnd && t >= currentPeriodEnd.getTime() + PERIOD_END_LEEWAY_MS) {
        return { plan: FREE, reason: "period_ended", graceEndsAt: null };
      }
      return { plan, reason: status, graceEndsAt: null };
    }
    case "past_due": {
      // No observed start (a row written before we tracked it) → the grace counts from the
      // period end, which is when the failed renewal happened.
      const since = pastDueSince ?? currentPeriodEnd;
      if (!since) return { plan: FREE, reason: "past_due_expired", graceEndsAt: null };
      const graceEndsAt = new Date(since.getTime() + PAST_DUE_GRACE_MS);
      if (t >= graceEndsAt.getTime()) return { plan: FREE, reason: "past_due_expired", graceEndsAt };
      return { plan, reason: "past_due_grace", graceEndsAt };
    }
    default:
      return { plan: FREE, reason: "inactive_status", graceEndsAt: null };
  }
}
