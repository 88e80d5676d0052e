// The one way a local subscription changes. Invariant: a mutation commits the provider's new
// state and its events first, then delivers the events in order. A failed delivery leaves
// them stored (replayable by id) and the webhook, which always re-reads current state,
// converges on the next delivery of any of them.
import "server-only";
import type Stripe from "stripe";
import type { Db } from "@/lib/db/client";
import type { LocalContext } from "@/lib/billing/local/context";
import { LocalBillingError } from "@/lib/billing/local/errors";
import { addInterval, toUnix } from "@/lib/billing/local/ids";
import { buildEntitlementSummary } from "@/lib/billing/local/build-event";
import { deliverAll } from "@/lib/billing/local/delivery";
import { getObject, putObject, recordEvents } from "@/lib/billing/local/store";
import { PLANS, PRICE_LOOKUP_KEYS, type PriceLookupKey } from "@/lib/licensing/policy";

/** An event to emit: its type and the object it carries. */
export type PendingEvent = { type: string; object: object };
/** What every local change answers: the subscription as it now is, and the events delivered. */
export type LocalChange = { subscription: Stripe.Subscription; events: Stripe.Event[] };
/** A change to one subscription: edits `sub` in place and returns the events to emit, or null when nothing changes. */
export type SubscriptionChange = (sub: Stripe.Subscription, now: Date, tx: Db) => Promise<PendingEvent[] | null>;

/**
 * Applies `change` to a subscription under a row lock, stores it and its events, commits,
 * then delivers. The subscription event (`subscriptionEventType`) is added after `change`'s own.
 */
export async function mutateSubscription(
  ctx: LocalContext,
  subscriptionId: string,
  change: SubscriptionChange,
  subscriptionEventType = "customer.subscription.updated",
): Promise<LocalChange> {
  const { sub, events } = await ctx.db.$transaction(async (tx) => {
    const sub = await getObject(tx, subscriptionId, "subscription", true);
    if (!sub) throw new LocalBillingError("No such subscription.");
    const now = ctx.clock();
    const extra = await change(sub, now, tx);
    if (extra === null) return { sub, events: [] as Stripe.Event[] };
    const customerId = customerOf(sub);
    await putObject(tx, sub, customerId);
    const events = await recordEvents(tx, customerId, [...extra, { type: subscriptionEventType, object: sub }], toUnix(now));
    return { sub, events };
  });
  await deliverAll(ctx, events);
  return { subscription: sub, events };
}

// The local provider's subscriptions always have exactly one item and a customer id (not an
// expanded customer): it builds them so (build-subscription.ts).
export const itemOf = (sub: Stripe.Subscription) => sub.items.data[0]!;
export const customerOf = (sub: Stripe.Subscription) => sub.customer as string;
export const lookupKeyOf = (sub: Stripe.Subscription) => itemOf(sub).price.lookup_key as PriceLookupKey;

/** What Stripe Entitlements reports with a change: the plan's features while active, none otherwise. */
export function entitlementEvent(sub: Stripe.Subscription, active: boolean): PendingEvent {
  return {
    type: "entitlements.active_entitlement_summary.updated",
    object: buildEntitlementSummary({
      customer: customerOf(sub),
      features: active ? PLANS[PRICE_LOOKUP_KEYS[lookupKeyOf(sub)].plan].features : [],
    }),
  };
}

export function assertChangeable(sub: Stripe.Subscription) {
  if (sub.status === "canceled" || sub.status === "incomplete_expired") {
    throw new LocalBillingError("This subscription has ended. Start a new one from the billing page.");
  }
}

/** A new billing period of the subscription's interval starts at `start`. */
export function startPeriod(sub: Stripe.Subscription, start: Date) {
  const interval = PRICE_LOOKUP_KEYS[lookupKeyOf(sub)].interval;
  itemOf(sub).current_period_start = toUnix(start);
  itemOf(sub).current_period_end = toUnix(addInterval(start, interval));
  sub.billing_cycle_anchor = toUnix(start);
}
