// The local provider's answer to "what would this plan change cost?" (Stripe's invoice
// preview): computed by the same prorate() the change itself invoices with, on the org's
// current subscription and the customer's credit, without writing anything.
import "server-only";
import type Stripe from "stripe";
import type { LocalContext } from "@/lib/billing/local/context";
import { LocalBillingError } from "@/lib/billing/local/errors";
import { toUnix } from "@/lib/billing/local/ids";
import { prorate, type Proration } from "@/lib/billing/local/prorate";
import { getObject } from "@/lib/billing/local/store";
import { findSubscriptionForCustomer } from "@/lib/billing/local/subscriptions";
import { assertChangeable, customerOf, itemOf, lookupKeyOf } from "@/lib/billing/local/mutate-subscription";
import { PLANS, PRICE_LOOKUP_KEYS, type PriceLookupKey } from "@/lib/licensing/policy";
import type { PlanChangePreview } from "@/lib/billing/provider";

/** Only a subscription that is paid up (or in its trial) changes plan; an unpaid one settles first. */
export function assertPlanChangeable(sub: Stripe.Subscription, lookupKey: PriceLookupKey) {
  assertChangeable(sub);
  if (sub.status !== "active" && sub.status !== "trialing") {
    throw new LocalBillingError("The last payment has not gone through. Update the payment method first, then change the plan.");
  }
  if (lookupKeyOf(sub) === lookupKey) throw new LocalBillingError("That is already the current plan.");
}

/** The proration of switching `sub` to `to` at `at`, and the invoice lines it makes. */
export function planChangeOf(sub: Stripe.Subscription, to: PriceLookupKey, at: number) {
  const item = itemOf(sub);
  const from = lookupKeyOf(sub);
  const proration = prorate({
    from,
    to,
    quantity: item.quantity ?? 1,
    periodStart: item.current_period_start,
    periodEnd: item.current_period_end,
    at,
    trialing: sub.status === "trialing",
  });
  const name = (key: PriceLookupKey) => `${PLANS[PRICE_LOOKUP_KEYS[key].plan].name} (${PRICE_LOOKUP_KEYS[key].interval}ly)`;
  const lines = [
    { amount: -proration.credit, description: `Unused time on ${name(from)}`, proration: true },
    { amount: proration.charge, description: proration.resetsPeriod ? name(to) : `Remaining time on ${name(to)}`, proration: true },
  ];
  return { proration, lines };
}

export function describePreview(
  sub: Stripe.Subscription,
  to: PriceLookupKey,
  at: number,
  proration: Proration,
  balance: number,
): PlanChangePreview {
  const { plan, interval } = PRICE_LOOKUP_KEYS[to];
  const quantity = itemOf(sub).quantity ?? 1;
  const price = PLANS[plan].prices[interval].amount * quantity;
  const credit = Math.max(0, -Math.min(0, balance));
  const net = proration.charge - proration.credit - credit;
  const trialEnd = sub.status === "trialing" ? sub.trial_end : null;
  return {
    lookupKey: to,
    newPrice: { amount: price, interval, currency: "usd" },
    credit: proration.credit,
    charge: proration.charge,
    amountDueNow: Math.max(0, net),
    creditLeft: Math.max(0, -net),
    effectiveAt: at,
    nextInvoiceAt: trialEnd ?? proration.periodEnd,
    nextInvoiceAmount: Math.max(0, price - Math.max(0, -net)),
    prorationDate: at,
  };
}

export async function previewPlanChange(
  ctx: LocalContext,
  { customerId, lookupKey }: { customerId: string | null; lookupKey: PriceLookupKey },
): Promise<PlanChangePreview> {
  const sub = customerId ? await findSubscriptionForCustomer(ctx, customerId) : null;
  if (!sub) throw new LocalBillingError("This organisation has no subscription. Choose a plan first.");
  assertPlanChangeable(sub, lookupKey);
  const at = toUnix(ctx.clock());
  const customer = await getObject(ctx.db, customerOf(sub), "customer");
  return describePreview(sub, lookupKey, at, planChangeOf(sub, lookupKey, at).proration, customer?.balance ?? 0);
}
