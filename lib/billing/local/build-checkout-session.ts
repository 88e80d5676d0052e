// Builds the local provider's Checkout sessions: an open one for the checkout page and the
// completed one "Pay" turns it into. Casts: see fixture.ts.
import type Stripe from "stripe";
import { fixture } from "@/lib/billing/local/fixture";
import { PLANS, PRICE_LOOKUP_KEYS, type PriceLookupKey } from "@/lib/licensing/policy";

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
  const template = fixture("checkout.session");
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

/** What "Pay" makes of an open session: complete, linked to the subscription and its first invoice. */
export function completedCheckoutSession(
  session: Stripe.Checkout.Session,
  { subscription, invoice, lookupKey, trialing }: { subscription: string; invoice: string; lookupKey: PriceLookupKey; trialing: boolean },
): Stripe.Checkout.Session {
  return {
    ...session,
    status: "complete",
    payment_status: trialing ? "no_payment_required" : "paid",
    subscription,
    invoice,
    metadata: { ...session.metadata, lookup_key: lookupKey },
    amount_total: trialing ? 0 : session.amount_total,
    url: null,
  };
}
