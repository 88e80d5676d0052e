// The portal's changes to a live subscription: switch price (upgrade, downgrade, interval),
// effective immediately and prorated like Stripe's `always_invoice` (prorate.ts: the unused
// time is credited, the rest of the period charged, one invoice at once); and cancel at
// period end, or undo it.
import "server-only";
import type { LocalContext } from "@/lib/billing/local/context";
import { toUnix } from "@/lib/billing/local/ids";
import { buildPrice, cancellationDetails } from "@/lib/billing/local/build-subscription";
import { invoiceSubscription } from "@/lib/billing/local/invoices";
import { LocalBillingError } from "@/lib/billing/local/errors";
import { assertPlanChangeable, planChangeOf } from "@/lib/billing/local/preview-plan-change";
import { findSubscriptionForCustomer } from "@/lib/billing/local/subscriptions";
import {
  assertChangeable,
  entitlementEvent,
  itemOf,
  lookupKeyOf,
  mutateSubscription,
  type LocalChange,
  type PendingEvent,
} from "@/lib/billing/local/mutate-subscription";
import type { PriceLookupKey } from "@/lib/licensing/policy";

export async function changePlan(
  ctx: LocalContext,
  { subscriptionId, lookupKey, prorationDate }: { subscriptionId: string; lookupKey: PriceLookupKey; prorationDate?: number },
): Promise<LocalChange> {
  return mutateSubscription(ctx, subscriptionId, async (sub, now, tx) => {
    assertChangeable(sub);
    if (lookupKeyOf(sub) === lookupKey) return null;
    assertPlanChangeable(sub, lookupKey);
    const item = itemOf(sub);
    // Like Stripe, a proration date is a moment of the current period, never later than now.
    const at = prorationDate ?? toUnix(now);
    if (at < item.current_period_start || at > toUnix(now))
      throw new LocalBillingError("That price quote has expired. Review the change again.");
    const { proration, lines } = planChangeOf(sub, lookupKey, at);
    const price = buildPrice(lookupKey, toUnix(now));
    item.price = price;
    item.plan = {
      ...item.plan,
      id: price.id,
      amount: price.unit_amount,
      amount_decimal: price.unit_amount_decimal,
      interval: price.recurring!.interval,
      nickname: price.nickname,
      product: price.product,
    };
    item.current_period_start = proration.periodStart;
    item.current_period_end = proration.periodEnd;
    if (proration.resetsPeriod) sub.billing_cycle_anchor = proration.periodStart;
    const events: PendingEvent[] = [];
    if (sub.status === "active") {
      const invoice = await invoiceSubscription(tx, { sub, now, paid: true, billingReason: "subscription_update", lines });
      events.push({ type: "invoice.paid", object: invoice });
    }
    events.push(entitlementEvent(sub, true));
    return events;
  });
}

/** The org's current subscription switched to `lookupKey` (the union's operation; see changePlan). */
export async function changePlanForCustomer(
  ctx: LocalContext,
  { customerId, lookupKey, prorationDate }: { customerId: string | null; lookupKey: PriceLookupKey; prorationDate: number },
): Promise<{ status: string }> {
  const sub = customerId ? await findSubscriptionForCustomer(ctx, customerId) : null;
  if (!sub) throw new LocalBillingError("This organisation has no subscription. Choose a plan first.");
  assertPlanChangeable(sub, lookupKey);
  const result = await changePlan(ctx, { subscriptionId: sub.id, lookupKey, prorationDate });
  return { status: result.subscription.status };
}

export async function setCancelAtPeriodEnd(
  ctx: LocalContext,
  { subscriptionId, cancelAtPeriodEnd }: { subscriptionId: string; cancelAtPeriodEnd: boolean },
): Promise<LocalChange> {
  return mutateSubscription(ctx, subscriptionId, async (sub) => {
    assertChangeable(sub);
    if (sub.cancel_at_period_end === cancelAtPeriodEnd) return null;
    sub.cancel_at_period_end = cancelAtPeriodEnd;
    sub.cancel_at = cancelAtPeriodEnd ? itemOf(sub).current_period_end : null;
    sub.cancellation_details = cancellationDetails(cancelAtPeriodEnd ? "cancellation_requested" : null);
    return [];
  });
}
