// The billing provider: the one small interface the app and the webhook use. `stripe` when
// STRIPE_SECRET_KEY is set, else `local` (objects shaped like Stripe's in our own database,
// signed events to the same webhook route, lib/billing/local/). Nothing outside lib/billing
// knows which it is. The type is discriminated on `kind`: narrowing on `kind === "local"`
// gives the local provider's own operations (its checkout and portal pages, the CLI), no cast.
// A production server runs `local` only when TIERGATE_LOCAL_BILLING=1 opts in (lib/env.ts
// refuses to boot otherwise): its checkout grants any plan without a card.
import "server-only";
import type Stripe from "stripe";
import type pg from "pg";
import type { BillingInterval, PlanId, PriceLookupKey } from "@/lib/licensing/policy";
import type { Db } from "@/lib/db/client";
import type { LocalBillingProvider } from "@/lib/billing/local/provider";

export type BillingOrg = { id: string; name: string; stripeCustomerId: string | null };
export type BillingUser = { id: string; email: string; name: string };

export type CheckoutRequest = {
  org: BillingOrg;
  plan: Exclude<PlanId, "free">;
  interval: BillingInterval;
  user: BillingUser;
};

/** A plan change the provider is asked to price or make: the org's current subscription to `lookupKey`. */
export type PlanChangeRequest = { org: BillingOrg; lookupKey: PriceLookupKey };

/**
 * What a plan change costs, as the provider will charge it (amounts in cents, times in unix
 * seconds): the credit for the unused time, the charge for the rest of the period, what is
 * due now after any account credit, and when the next invoice comes at the new price.
 * `prorationDate` goes back with the change so the charge equals this quote.
 */
export type PlanChangePreview = {
  lookupKey: PriceLookupKey;
  newPrice: { amount: number; interval: BillingInterval; currency: string };
  credit: number;
  charge: number;
  amountDueNow: number;
  creditLeft: number;
  effectiveAt: number;
  nextInvoiceAt: number;
  nextInvoiceAmount: number;
  prorationDate: number;
};

/** A plan change the provider will not make, in words for the owner (no subscription, unpaid, the same plan). */
export class PlanChangeRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanChangeRefused";
  }
}

/** One invoice or receipt as the billing page lists it (amounts in cents, dates in unix seconds). */
export type InvoiceSummary = {
  id: string;
  number: string | null;
  created: number;
  description: string;
  total: number;
  amountDue: number;
  currency: string;
  status: Stripe.Invoice.Status;
  /** The provider's own page for the invoice (Stripe's hosted invoice), when there is one. */
  url: string | null;
};

/** What both providers do. */
export interface BillingProviderOperations {
  /**
   * A URL to send the owner to. An org that already has a live subscription gets the portal
   * (`kind: "portal"`), never a second Checkout: two subscriptions for one org is the classic
   * double-billing bug.
   */
  createCheckout(input: CheckoutRequest): Promise<{ url: string; kind: "checkout" | "portal" }>;
  createPortal(input: { org: BillingOrg }): Promise<{ url: string }>;
  retrieveSubscription(id: string, opts?: { tx?: Db }): Promise<Stripe.Subscription | null>;
  /**
   * The customer's subscription that decides its access (see pickCurrentSubscription), or null.
   * `tx` (a Prisma transaction) or `pg` (a node-postgres client inside BEGIN, the webhook's
   * fast path) lets the local provider read inside the webhook's transaction (same database),
   * so a busy webhook never needs a second pooled connection; the Stripe provider ignores both.
   */
  findSubscriptionForCustomer(customerId: string, opts?: { tx?: Db; pg?: pg.ClientBase }): Promise<Stripe.Subscription | null>;
  /** Prices a plan change without making it (Stripe: the invoice preview). */
  previewPlanChange(input: PlanChangeRequest): Promise<PlanChangePreview>;
  /** Makes it, prorated at `prorationDate` (the preview's), invoiced at once. */
  changeSubscriptionPlan(input: PlanChangeRequest & { prorationDate: number }): Promise<{ status: string }>;
  /** The customer's latest invoices, newest first. */
  listInvoices(input: { org: BillingOrg; limit: number }): Promise<InvoiceSummary[]>;
}

export interface StripeBillingProvider extends BillingProviderOperations {
  readonly kind: "stripe";
}

export type BillingProvider = StripeBillingProvider | LocalBillingProvider;

const LIVE_STATUSES: ReadonlySet<Stripe.Subscription.Status> = new Set([
  "active",
  "trialing",
  "past_due",
  "unpaid",
  "paused",
  "incomplete",
]);

/** A subscription still on the books (even unpaid or paused): checkout must send its org to the portal, never start a second one. */
export const isLiveSubscription = (sub: Pick<Stripe.Subscription, "status"> | null): boolean =>
  sub !== null && LIVE_STATUSES.has(sub.status);

type Globals = { __tiergateBillingProvider?: BillingProvider };
const g = globalThis as unknown as Globals;

export async function getBillingProvider(): Promise<BillingProvider> {
  const cached = g.__tiergateBillingProvider;
  if (cached) return cached;
  // Imported lazily so the Stripe SDK's HTTP client is never loaded in local mode and the
  // local provider's database code is never loaded in Stripe mode.
  const { env } = await import("@/lib/env");
  const { db } = await import("@/lib/db/client");
  const { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, APP_URL } = env();
  let provider: BillingProvider;
  if (STRIPE_SECRET_KEY) {
    const { createStripeProvider } = await import("@/lib/billing/stripe-provider");
    provider = createStripeProvider({ secretKey: STRIPE_SECRET_KEY, appUrl: APP_URL, db });
  } else {
    const { createLocalProvider } = await import("@/lib/billing/local/provider");
    provider = createLocalProvider({ db, webhookSecret: STRIPE_WEBHOOK_SECRET, appUrl: APP_URL });
  }
  g.__tiergateBillingProvider = provider;
  return provider;
}

/**
 * The local provider's own checkout and portal pages and actions exist only in local mode:
 * with Stripe configured they answer 404 / refuse, so no one can "pay" without Stripe.
 */
export async function isLocalBilling(): Promise<boolean> {
  return (await getBillingProvider()).kind === "local";
}

/** Tests swap the provider (e.g. a local provider that captures events instead of POSTing). */
export function setBillingProviderForTests(provider: BillingProvider | undefined) {
  g.__tiergateBillingProvider = provider;
}
