// Plan changes in Stripe mode: the price comes from Stripe's invoice preview
// (`invoices.createPreview` with the subscription's one item on the new price, prorated
// `always_invoice` at a fixed proration date), and the change is `subscriptions.update` with
// the same proration date, so what the owner confirmed is what Stripe charges. The change
// reaches our tables through the webhook like any other.
import "server-only";
import type Stripe from "stripe";
import { PlanChangeRefused, type PlanChangePreview, type PlanChangeRequest } from "@/lib/billing/provider";
import { pickCurrentSubscription } from "@/lib/billing/pick-current-subscription";
import { PRICE_LOOKUP_KEYS, type PriceLookupKey } from "@/lib/licensing/policy";

async function currentSubscription(stripe: Stripe, customerId: string | null, lookupKey: PriceLookupKey) {
  if (!customerId) throw new PlanChangeRefused("This organisation has no subscription. Choose a plan first.");
  const list = await stripe.subscriptions.list({ customer: customerId, status: "all", limit: 20 });
  const sub = pickCurrentSubscription(list.data);
  if (!sub || sub.status === "canceled" || sub.status === "incomplete_expired") {
    throw new PlanChangeRefused("This organisation has no subscription. Choose a plan first.");
  }
  if (sub.status !== "active" && sub.status !== "trialing") {
    throw new PlanChangeRefused("The last payment has not gone through. Update the payment method first, then change the plan.");
  }
  const item = sub.items.data[0];
  if (!item) throw new PlanChangeRefused("This subscription has no plan to change.");
  if (item.price.lookup_key === lookupKey) throw new PlanChangeRefused("That is already the current plan.");
  const prices = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  const price = prices.data[0];
  if (!price) throw new Error(`No active Stripe price with lookup key ${lookupKey}`);
  return { sub, item, price };
}

const isProration = (line: Stripe.InvoiceLineItem) => line.parent?.subscription_item_details?.proration === true;

export async function previewStripePlanChange(
  stripe: Stripe,
  { org, lookupKey }: PlanChangeRequest,
  now: () => Date = () => new Date(),
): Promise<PlanChangePreview> {
  const { sub, item, price } = await currentSubscription(stripe, org.stripeCustomerId, lookupKey);
  const prorationDate = Math.floor(now().getTime() / 1000);
  const invoice = await stripe.invoices.createPreview({
    customer: org.stripeCustomerId!,
    subscription: sub.id,
    subscription_details: {
      items: [{ id: item.id, price: price.id }],
      proration_behavior: "always_invoice",
      proration_date: prorationDate,
    },
  });
  const lines = invoice.lines.data;
  const credit = -lines.filter((l) => isProration(l) && l.amount < 0).reduce((sum, l) => sum + l.amount, 0);
  const charge = lines.filter((l) => l.amount > 0).reduce((sum, l) => sum + l.amount, 0);
  const creditLeft = Math.max(0, -(invoice.ending_balance ?? 0));
  const amount = (price.unit_amount ?? 0) * (item.quantity ?? 1);
  const periodEnd = Math.max(item.current_period_end, ...lines.map((l) => l.period.end));
  return {
    lookupKey,
    newPrice: { amount, interval: PRICE_LOOKUP_KEYS[lookupKey].interval, currency: invoice.currency },
    credit,
    charge,
    amountDueNow: invoice.amount_due,
    creditLeft,
    effectiveAt: prorationDate,
    nextInvoiceAt: sub.status === "trialing" && sub.trial_end ? sub.trial_end : periodEnd,
    nextInvoiceAmount: Math.max(0, amount - creditLeft),
    prorationDate,
  };
}

export async function changeStripePlan(
  stripe: Stripe,
  { org, lookupKey, prorationDate }: PlanChangeRequest & { prorationDate: number },
): Promise<{ status: string }> {
  const { sub, item, price } = await currentSubscription(stripe, org.stripeCustomerId, lookupKey);
  const updated = await stripe.subscriptions.update(
    sub.id,
    { items: [{ id: item.id, price: price.id }], proration_behavior: "always_invoice", proration_date: prorationDate },
    // A retried confirmation must not change the plan (and charge) twice.
    { idempotencyKey: `tiergate-plan-${sub.id}-${lookupKey}-${prorationDate}` },
  );
  return { status: updated.status };
}
