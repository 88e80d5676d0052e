// A subscription's state as we keep it, and the one decision the sync makes: the row the
// provider's current subscription calls for, and whether it differs from the stored one.
// Pure; shared by both sync paths (sync-subscription.ts, settle-unchanged.ts).
import "server-only";
import type Stripe from "stripe";
import type { LicenseSnapshot } from "@/lib/billing/apply-plan-change";
import type { OrgRow } from "@/lib/billing/billing-sql";
import { resolveAccess } from "@/lib/licensing/access";
import { planForLookupKey, type PlanId } from "@/lib/licensing/policy";
import { subscribedPlan } from "@/lib/licensing/subscribed-plan";
import { logger } from "@/lib/log";

export type SubscriptionSnapshot = {
  stripeSubscriptionId: string;
  stripeCustomerId: string;
  status: string;
  priceLookupKey: string | null;
  plan: PlanId;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  seats: number;
};

const fromUnix = (s: number | null | undefined) => (typeof s === "number" ? new Date(s * 1000) : null);

/** The fields we keep from a Stripe subscription (current API: period and price on the item). */
export function snapshotSubscription(sub: Stripe.Subscription): SubscriptionSnapshot {
  const items = sub.items?.data ?? [];
  const item = items[0];
  const lookupKey = item?.price?.lookup_key ?? null;
  const plan = planForLookupKey(lookupKey);
  if (!plan)
    logger.warn(
      { event: "billing.unknown_price", subscriptionId: sub.id, lookupKey },
      "subscription price has no known lookup key; treating as free",
    );
  // With several items the latest period end is when the whole subscription renews.
  const periodEnd = items.reduce<number | null>(
    (max, i) => (max === null || i.current_period_end > max ? i.current_period_end : max),
    null,
  );
  return {
    stripeSubscriptionId: sub.id,
    stripeCustomerId: typeof sub.customer === "string" ? sub.customer : sub.customer.id,
    status: sub.status,
    priceLookupKey: lookupKey,
    plan: plan ?? "free",
    currentPeriodEnd: fromUnix(periodEnd),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    trialEnd: fromUnix(sub.trial_end),
    seats: item?.quantity ?? 1,
  };
}

export type Existing = {
  status: string;
  plan: string;
  priceLookupKey: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  seats: number;
  pastDueSince: Date | null;
  stripeSubscriptionId: string;
} | null;

export function licenseOf(row: Existing, now: Date): LicenseSnapshot {
  if (!row) return { plan: "free", subscribedPlan: "free", status: null };
  const access = resolveAccess({ ...row, now });
  return { plan: access.plan, subscribedPlan: subscribedPlan(row), status: row.status };
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** The row the provider's state calls for, and whether it differs from what we hold. Pure. */
export function nextRow({
  existing,
  snap,
  customerId,
  event,
  now,
}: {
  existing: Existing;
  snap: SubscriptionSnapshot;
  customerId: string;
  event?: { created: number };
  now: Date;
}) {
  // pastDueSince is when we first saw this subscription past_due: the grace clock.
  const pastDueSince =
    snap.status === "past_due"
      ? existing?.status === "past_due" && existing.pastDueSince && existing.stripeSubscriptionId === snap.stripeSubscriptionId
        ? existing.pastDueSince
        : now
      : null;
  const data = {
    stripeCustomerId: customerId,
    stripeSubscriptionId: snap.stripeSubscriptionId,
    status: snap.status,
    plan: snap.plan,
    priceLookupKey: snap.priceLookupKey,
    currentPeriodEnd: snap.currentPeriodEnd,
    cancelAtPeriodEnd: snap.cancelAtPeriodEnd,
    trialEnd: snap.trialEnd,
    seats: snap.seats,
    pastDueSince,
    updatedFromEventAt: event ? new Date(event.created * 1000) : now,
  };
  // Every field a browser or a license decision reads (status, cancel_at_period_end, …),
  // not only the plan: any difference is a write and a NOTIFY.
  const changed =
    !existing ||
    existing.stripeSubscriptionId !== data.stripeSubscriptionId ||
    existing.status !== data.status ||
    existing.plan !== data.plan ||
    existing.priceLookupKey !== data.priceLookupKey ||
    !sameTime(existing.currentPeriodEnd, data.currentPeriodEnd) ||
    existing.cancelAtPeriodEnd !== data.cancelAtPeriodEnd ||
    !sameTime(existing.trialEnd, data.trialEnd) ||
    existing.seats !== data.seats ||
    !sameTime(existing.pastDueSince, data.pastDueSince);
  return { data, changed };
}

export function existingOf(row: OrgRow): Existing {
  if (row.stripeSubscriptionId === null) return null;
  return {
    status: row.status!,
    plan: row.plan!,
    priceLookupKey: row.priceLookupKey,
    currentPeriodEnd: row.currentPeriodEnd,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd ?? false,
    trialEnd: row.trialEnd,
    seats: row.seats ?? 1,
    pastDueSince: row.pastDueSince,
    stripeSubscriptionId: row.stripeSubscriptionId,
  };
}
