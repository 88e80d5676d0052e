// The portal's changes to a live subscription: switch price (upgrade, downgrade, interval),
// effective immediately like Stripe's default proration; and cancel at period end, or undo it.
import "server-only";
import type { LocalContext } from "@/lib/billing/local/context";
import { toUnix } from "@/lib/billing/local/ids";
import { buildPrice, cancellationDetails } from "@/lib/billing/local/build-subscription";
import { invoiceSubscription } from "@/lib/billing/local/invoices";
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
  { subscriptionId, lookupKey }: { subscriptionId: string; lookupKey: PriceLookupKey },
): Promise<LocalChange> {
  return mutateSubscription(ctx, subscriptionId, async (sub, now, tx) => {
    assertChangeable(sub);
    if (lookupKeyOf(sub) === lookupKey) return null;
    const price = buildPrice(lookupKey, toUnix(now));
    const item = itemOf(sub);
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
    const events: PendingEvent[] = [];
    if (sub.status === "active") {
      const invoice = await invoiceSubscription(tx, { sub, now, paid: true, billingReason: "subscription_update" });
      events.push({ type: "invoice.paid", object: invoice });
    }
    events.push(entitlementEvent(sub, true));
    return events;
  });
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
