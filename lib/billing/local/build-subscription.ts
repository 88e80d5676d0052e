// Builds the local provider's prices, customers and subscriptions in Stripe's current API
// shape: the billing period lives on the subscription *item*. Casts: see fixture.ts.
import type Stripe from "stripe";
import { fixture } from "@/lib/billing/local/fixture";
import { PLANS, PRICE_LOOKUP_KEYS, type PriceLookupKey } from "@/lib/licensing/policy";

export function buildPrice(lookupKey: PriceLookupKey, created: number): Stripe.Price {
  const { plan, interval } = PRICE_LOOKUP_KEYS[lookupKey];
  const amount = PLANS[plan].prices[interval].amount;
  return {
    ...fixture("price"),
    id: `price_local_${lookupKey}`,
    object: "price",
    active: true,
    billing_scheme: "per_unit",
    created,
    currency: "usd",
    custom_unit_amount: null,
    livemode: false,
    lookup_key: lookupKey,
    metadata: { tiergate_plan: plan },
    nickname: `${PLANS[plan].name} (${interval}ly)`,
    product: `prod_local_${plan}`,
    recurring: { interval, interval_count: 1, meter: null, trial_period_days: null, usage_type: "licensed" },
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: "recurring",
    unit_amount: amount,
    unit_amount_decimal: String(amount),
  } as unknown as Stripe.Price;
}

export function buildCustomer({
  id,
  email,
  name,
  orgId,
  created,
}: {
  id: string;
  email: string;
  name: string;
  orgId: string;
  created: number;
}): Stripe.Customer {
  return {
    ...fixture("customer"),
    id,
    object: "customer",
    created,
    discount: null,
    email,
    name,
    metadata: { org_id: orgId },
    shipping: null,
    invoice_prefix: id.slice(-7).toUpperCase(),
  } as Stripe.Customer;
}

export function cancellationDetails(
  reason: Stripe.Subscription.CancellationDetails.Reason | null,
): Stripe.Subscription.CancellationDetails {
  return { comment: null, feedback: null, feedback_option: null, reason };
}

export type SubscriptionState = {
  id: string;
  customer: string;
  orgId: string;
  lookupKey: PriceLookupKey;
  status: Stripe.Subscription.Status;
  quantity: number;
  created: number;
  periodStart: number;
  periodEnd: number;
  trialStart: number | null;
  trialEnd: number | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: number | null;
  endedAt: number | null;
  latestInvoice: string | null;
  itemId: string;
};

export function buildSubscription(s: SubscriptionState): Stripe.Subscription {
  const price = buildPrice(s.lookupKey, s.created);
  const template = fixture("subscription");
  const templateItem = template.items.data[0]!;
  const item = {
    ...templateItem,
    id: s.itemId,
    object: "subscription_item",
    billing_thresholds: null,
    created: s.created,
    current_period_start: s.periodStart,
    current_period_end: s.periodEnd,
    discounts: [],
    metadata: {},
    plan: {
      ...templateItem.plan,
      id: price.id,
      active: true,
      amount: price.unit_amount,
      amount_decimal: price.unit_amount_decimal,
      billing_scheme: "per_unit",
      created: s.created,
      currency: "usd",
      interval: price.recurring!.interval,
      interval_count: 1,
      livemode: false,
      metadata: {},
      nickname: price.nickname,
      product: price.product,
      tiers_mode: null,
      transform_usage: null,
    },
    price,
    quantity: s.quantity,
    subscription: s.id,
    tax_rates: [],
  };
  return {
    ...template,
    id: s.id,
    object: "subscription",
    billing_cycle_anchor: s.periodStart,
    billing_cycle_anchor_config: null,
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: s.cancelAtPeriodEnd ? s.periodEnd : null,
    cancel_at_period_end: s.cancelAtPeriodEnd,
    canceled_at: s.canceledAt,
    cancellation_details: cancellationDetails(s.canceledAt || s.cancelAtPeriodEnd ? "cancellation_requested" : null),
    created: s.created,
    customer: s.customer,
    discounts: [],
    ended_at: s.endedAt,
    items: { object: "list", data: [item], has_more: false, url: `/v1/subscription_items?subscription=${s.id}` },
    latest_invoice: s.latestInvoice,
    livemode: false,
    metadata: { org_id: s.orgId },
    next_pending_invoice_item_invoice: null,
    pause_collection: null,
    pending_invoice_item_interval: null,
    pending_update: null,
    schedule: null,
    start_date: s.created,
    status: s.status,
    transfer_data: null,
    trial_end: s.trialEnd,
    trial_settings: { end_behavior: { missing_payment_method: "create_invoice" } },
    trial_start: s.trialStart,
  } as unknown as Stripe.Subscription;
}
