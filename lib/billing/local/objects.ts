// Builders for the local provider's objects. Each starts from Stripe's own published example
// object (stripe-fixtures.json, MIT, see STRIPE-FIXTURES-LICENSE.md) so every field Stripe
// sends is present, then sets the fields that carry meaning and clears the example's
// placeholder values (discounts, pending updates, quotes…) that a plain subscription lacks.
// Current API shape: the billing period lives on the subscription *item*.
import crypto from "node:crypto";
import type Stripe from "stripe";
import fixtures from "@/lib/billing/local/stripe-fixtures.json";
import { FEATURES, PLANS, PRICE_LOOKUP_KEYS, type Feature, type PriceLookupKey } from "@/lib/licensing/policy";

export const LOCAL_API_VERSION = "2026-10-28.endive";

const clone = <T>(value: T): T => structuredClone(value);
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Stripe-style id: prefix + 24 base62 characters. */
export function stripeId(prefix: string): string {
  const bytes = crypto.randomBytes(24);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

export const toUnix = (d: Date) => Math.floor(d.getTime() / 1000);

export function addInterval(start: Date, interval: "month" | "year"): Date {
  const d = new Date(start);
  if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d;
}

export function buildPrice(lookupKey: PriceLookupKey, created: number): Stripe.Price {
  const { plan, interval } = PRICE_LOOKUP_KEYS[lookupKey];
  const amount = PLANS[plan].prices[interval].amount;
  return {
    ...clone(fixtures.price),
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
    ...clone(fixtures.customer),
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
  const template = clone(fixtures.subscription);
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

export function buildCheckoutSession({
  id,
  customer,
  customerEmail,
  orgId,
  lookupKey,
  created,
  url,
  successUrl,
  cancelUrl,
}: {
  id: string;
  customer: string;
  customerEmail: string;
  orgId: string;
  lookupKey: PriceLookupKey;
  created: number;
  url: string;
  successUrl: string;
  cancelUrl: string;
}): Stripe.Checkout.Session {
  const { plan, interval } = PRICE_LOOKUP_KEYS[lookupKey];
  const amount = PLANS[plan].prices[interval].amount;
  const template = clone(fixtures["checkout.session"]);
  return {
    ...template,
    id,
    object: "checkout.session",
    after_expiration: null,
    amount_subtotal: amount,
    amount_total: amount,
    cancel_url: cancelUrl,
    client_reference_id: orgId,
    collected_information: null,
    created,
    currency: "usd",
    currency_conversion: null,
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer,
    customer_details: { ...template.customer_details, email: customerEmail },
    customer_email: null,
    expires_at: created + 24 * 3600,
    invoice: null,
    metadata: { org_id: orgId, lookup_key: lookupKey },
    mode: "subscription",
    payment_intent: null,
    payment_status: "unpaid",
    shipping_address_collection: null,
    shipping_cost: null,
    status: "open",
    subscription: null,
    success_url: successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    url,
  } as unknown as Stripe.Checkout.Session;
}

export function buildInvoice({
  id,
  customer,
  subscription,
  orgId,
  lookupKey,
  quantity,
  created,
  periodStart,
  periodEnd,
  paid,
  billingReason,
}: {
  id: string;
  customer: string;
  subscription: string;
  orgId: string;
  lookupKey: PriceLookupKey;
  quantity: number;
  created: number;
  periodStart: number;
  periodEnd: number;
  paid: boolean;
  billingReason: Stripe.Invoice.BillingReason;
}): Stripe.Invoice {
  const { plan, interval } = PRICE_LOOKUP_KEYS[lookupKey];
  const amount = PLANS[plan].prices[interval].amount * quantity;
  const template = clone(fixtures.invoice);
  const line = template.lines.data[0]!;
  return {
    ...template,
    id,
    object: "invoice",
    amount_due: amount,
    amount_overpaid: 0,
    amount_paid: paid ? amount : 0,
    amount_remaining: paid ? 0 : amount,
    attempt_count: 1,
    attempted: true,
    billing_reason: billingReason,
    created,
    customer,
    due_date: null,
    effective_at: created,
    from_invoice: null,
    last_finalization_error: null,
    lines: {
      object: "list",
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
      data: [
        {
          ...line,
          id: `il_${id.slice(3)}`,
          amount,
          description: `${quantity} × ${PLANS[plan].name} (${interval}ly)`,
          discount_amounts: [],
          discounts: [],
          invoice: id,
          metadata: {},
          parent: {
            invoice_item_details: null,
            subscription_item_details: {
              invoice_item: null,
              proration: false,
              proration_details: { credited_items: null },
              subscription,
              subscription_item: null,
            },
            type: "subscription_item_details",
          },
          period: { start: periodStart, end: periodEnd },
          quantity,
          subtotal: amount,
        },
      ],
    },
    metadata: {},
    next_payment_attempt: paid ? null : created + 3 * 86400,
    number: `${id.slice(-8).toUpperCase()}-0001`,
    parent: {
      quote_details: null,
      subscription_details: { metadata: { org_id: orgId }, subscription },
      type: "subscription_details",
    },
    period_end: periodEnd,
    period_start: periodStart,
    shipping_cost: null,
    status: paid ? "paid" : "open",
    status_transitions: { finalized_at: created, marked_uncollectible_at: null, paid_at: paid ? created : null, voided_at: null },
    subtotal: amount,
    subtotal_excluding_tax: amount,
    total: amount,
    total_excluding_tax: amount,
    webhooks_delivered_at: null,
  } as unknown as Stripe.Invoice;
}

/** What Stripe Entitlements would report for a customer on `features` (lookup key = our feature id). */
export function buildEntitlementSummary({ customer, features }: { customer: string; features: readonly Feature[] }) {
  return {
    ...clone(fixtures["entitlements.active_entitlement_summary"]),
    object: "entitlements.active_entitlement_summary",
    customer,
    livemode: false,
    entitlements: {
      object: "list",
      has_more: false,
      url: "/v1/entitlements/active_entitlements",
      data: features.map((feature) => ({
        object: "entitlements.active_entitlement",
        id: `ent_local_${feature}`,
        livemode: false,
        lookup_key: feature,
        feature: {
          object: "entitlements.feature",
          id: `feat_local_${feature}`,
          active: true,
          livemode: false,
          lookup_key: feature,
          metadata: {},
          name: FEATURES[feature].label,
        },
      })),
    },
  };
}

export function buildEvent({ type, object, created }: { type: string; object: object; created: number }): Stripe.Event {
  return {
    ...clone(fixtures.event),
    id: stripeId("evt"),
    object: "event",
    api_version: LOCAL_API_VERSION,
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as unknown as Stripe.Event;
}
