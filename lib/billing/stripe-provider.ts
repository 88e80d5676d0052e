// The real Stripe provider (STRIPE_SECRET_KEY set). Checkout in subscription mode with the
// org linked three ways (customer metadata, client_reference_id, subscription metadata) so
// the webhook can always find the org; existing subscribers go to the Customer Portal.
// Prices are found by lookup key (created by `npm run stripe:setup`), never by hard-coded id.
import "server-only";
import Stripe from "stripe";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isLiveSubscription, type BillingOrg, type CheckoutRequest, type StripeBillingProvider } from "@/lib/billing/provider";
import { pickCurrentSubscription } from "@/lib/billing/pick-current-subscription";
import { TRIAL_DAYS, lookupKeyFor } from "@/lib/licensing/policy";
import { changeStripePlan, previewStripePlanChange } from "@/lib/billing/stripe-plan-change";
import { toInvoiceSummary } from "@/lib/billing/invoice-summary";

export class StripeConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StripeConfigurationError";
  }
}

export function createStripeClient(secretKey: string) {
  // Pinned to the SDK's own API version: the types we compile against describe exactly the
  // objects Stripe sends us (period on the subscription item, invoice.parent, …).
  return new Stripe(secretKey, { apiVersion: Stripe.API_VERSION, maxNetworkRetries: 2, timeout: 20_000 });
}

export function createStripeProvider({ secretKey, appUrl, db }: { secretKey: string; appUrl: string; db: PrismaClient }) {
  const stripe = createStripeClient(secretKey);
  const url = (path: string) => new URL(path, appUrl).toString();

  async function findSubscriptionForCustomer(customerId: string) {
    const list = await stripe.subscriptions.list({ customer: customerId, status: "all", limit: 20 });
    return pickCurrentSubscription(list.data);
  }

  async function ensureCustomer({ org, email }: { org: BillingOrg; email: string }) {
    if (org.stripeCustomerId) return org.stripeCustomerId;
    const customer = await stripe.customers.create(
      { email, name: org.name, metadata: { org_id: org.id } },
      // Two clicks on "Upgrade" must not make two customers.
      { idempotencyKey: `tiergate-customer-${org.id}` },
    );
    // Only set if still unset: a concurrent request may have won; keep the first.
    await db.organization.updateMany({ where: { id: org.id, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
    const fresh = await db.organization.findUnique({ where: { id: org.id }, select: { stripeCustomerId: true } });
    return fresh?.stripeCustomerId ?? customer.id;
  }

  async function createPortal({ org }: { org: BillingOrg }) {
    if (!org.stripeCustomerId) throw new StripeConfigurationError("This organisation has no Stripe customer yet.");
    const session = await stripe.billingPortal.sessions.create({ customer: org.stripeCustomerId, return_url: url("/billing") });
    return { url: session.url };
  }

  const provider: StripeBillingProvider = {
    kind: "stripe",

    async createCheckout({ org, plan, interval, user }: CheckoutRequest) {
      if (org.stripeCustomerId) {
        const current = await findSubscriptionForCustomer(org.stripeCustomerId);
        if (isLiveSubscription(current)) return { ...(await createPortal({ org })), kind: "portal" };
      }
      const lookupKey = lookupKeyFor(plan, interval);
      const prices = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
      const price = prices.data[0];
      if (!price) throw new StripeConfigurationError(`No active Stripe price with lookup key ${lookupKey}; run npm run stripe:setup`);
      const customer = await ensureCustomer({ org, email: user.email });
      const session = await stripe.checkout.sessions.create({
        mode: "subscription",
        customer,
        client_reference_id: org.id,
        line_items: [{ price: price.id, quantity: 1 }],
        metadata: { org_id: org.id, lookup_key: lookupKey },
        // The trial the pricing page offers is for a first subscription only: a customer who
        // had one (cancelled, then back) pays from the start.
        subscription_data: { metadata: { org_id: org.id }, ...(org.stripeCustomerId ? {} : { trial_period_days: TRIAL_DAYS }) },
        allow_promotion_codes: true,
        success_url: url("/billing?checkout=success"),
        cancel_url: url("/billing?checkout=canceled"),
      });
      if (!session.url) throw new StripeConfigurationError("Stripe returned a Checkout session without a URL");
      return { url: session.url, kind: "checkout" };
    },

    createPortal,

    async retrieveSubscription(id: string) {
      try {
        return await stripe.subscriptions.retrieve(id);
      } catch (err) {
        if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404) return null;
        throw err;
      }
    },

    findSubscriptionForCustomer,
    previewPlanChange: (input) => previewStripePlanChange(stripe, input),
    changeSubscriptionPlan: (input) => changeStripePlan(stripe, input),
    async listInvoices({ org, limit }) {
      if (!org.stripeCustomerId) return [];
      const list = await stripe.invoices.list({ customer: org.stripeCustomerId, limit });
      return list.data.map(toInvoiceSummary);
    },
  };
  return provider;
}
