// The local billing provider (the default without STRIPE_SECRET_KEY): a tiny Stripe that keeps
// customers, subscriptions, checkout sessions, invoices and events in LocalBillingObject
// (store.ts), shaped exactly like Stripe's current API objects (build-*.ts), and delivers
// every event *signed* with STRIPE_WEBHOOK_SECRET to POST /api/webhooks/stripe (delivery.ts):
// the same route, the same verification, the same sync as real Stripe. One module per
// operation; this file only binds them to one context. Mutations commit, then deliver
// (mutate-subscription.ts says why that order).
import "server-only";
import type Stripe from "stripe";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { BillingOrg, BillingProviderOperations } from "@/lib/billing/provider";
import type { LocalContext } from "@/lib/billing/local/context";
import { httpDeliver, type DeliverFn } from "@/lib/billing/local/delivery";
import { listCustomerSubscriptions } from "@/lib/billing/local/store";
import { findSubscriptionForCustomer, retrieveSubscription } from "@/lib/billing/local/subscriptions";
import { createCheckout, getCheckoutSession } from "@/lib/billing/local/create-checkout-session";
import {
  completeCheckout,
  subscribe,
  type CompleteCheckoutInput,
  type SubscribeInput,
} from "@/lib/billing/local/complete-checkout-session";
import { changePlan, changePlanForCustomer, setCancelAtPeriodEnd } from "@/lib/billing/local/update-subscription";
import { previewPlanChange } from "@/lib/billing/local/preview-plan-change";
import { listInvoices } from "@/lib/billing/local/list-invoices";
import { cancelNow, pause, resumePaused } from "@/lib/billing/local/cancel-subscription";
import { endTrial, failRenewal, payOutstanding, trialWillEnd } from "@/lib/billing/local/renewal";
import { createPortal } from "@/lib/billing/local/portal";
import { listEvents, replayEvent } from "@/lib/billing/local/events";
import type { LocalChange } from "@/lib/billing/local/mutate-subscription";
import type { PriceLookupKey } from "@/lib/licensing/policy";

type Ref = { subscriptionId: string };

/** The local provider: what every provider does, plus the operations of its checkout page, portal page, CLI and seed. */
export interface LocalBillingProvider extends BillingProviderOperations {
  readonly kind: "local";
  createPortal(input: { org: BillingOrg }): Promise<{ url: string }>;
  getCheckoutSession(id: string): Promise<Stripe.Checkout.Session | null>;
  listCustomerSubscriptions(customerId: string): Promise<Stripe.Subscription[]>;
  /** The org's current subscription (live or not), or null without a customer. */
  currentSubscription(customerId: string | null): Promise<Stripe.Subscription | null>;
  /** "Pay": turns an open checkout session into a subscription (optionally trialing). */
  completeCheckout(input: CompleteCheckoutInput): Promise<LocalChange>;
  /** Checkout + pay in one step. */
  subscribe(input: SubscribeInput): Promise<LocalChange>;
  changePlan(input: Ref & { lookupKey: PriceLookupKey; prorationDate?: number }): Promise<LocalChange>;
  setCancelAtPeriodEnd(input: Ref & { cancelAtPeriodEnd: boolean }): Promise<LocalChange>;
  cancelNow(input: Ref): Promise<LocalChange>;
  failRenewal(input: Ref): Promise<LocalChange>;
  payOutstanding(input: Ref): Promise<LocalChange>;
  endTrial(input: Ref): Promise<LocalChange>;
  trialWillEnd(input: Ref): Promise<LocalChange>;
  pause(input: Ref): Promise<LocalChange>;
  resumePaused(input: Ref): Promise<LocalChange>;
  /** Re-sends a stored event (freshly signed, same id: the webhook dedupes it). */
  replay(eventId: string): Promise<Stripe.Event>;
  listEvents(filter?: { customerId?: string; limit?: number }): Promise<Stripe.Event[]>;
}

export function createLocalProvider({
  db,
  webhookSecret,
  appUrl,
  deliver = httpDeliver(appUrl),
  clock = () => new Date(),
}: {
  db: PrismaClient;
  webhookSecret: string;
  appUrl: string;
  deliver?: DeliverFn;
  /** The provider's own clock ("Stripe's time"); the app's clock is separate. */
  clock?: () => Date;
}): LocalBillingProvider {
  const ctx: LocalContext = { db, webhookSecret, deliver, clock, url: (path) => new URL(path, appUrl).toString() };
  return {
    kind: "local",
    createCheckout: (input) => createCheckout(ctx, input),
    createPortal: (input) => createPortal(ctx, input),
    retrieveSubscription: (id, opts) => retrieveSubscription(ctx, id, opts),
    findSubscriptionForCustomer: (customerId, opts) => findSubscriptionForCustomer(ctx, customerId, opts),
    previewPlanChange: ({ org, lookupKey }) => previewPlanChange(ctx, { customerId: org.stripeCustomerId, lookupKey }),
    changeSubscriptionPlan: ({ org, lookupKey, prorationDate }) =>
      changePlanForCustomer(ctx, { customerId: org.stripeCustomerId, lookupKey, prorationDate }),
    listInvoices: ({ org, limit }) => listInvoices(ctx, { customerId: org.stripeCustomerId, limit }),
    getCheckoutSession: (id) => getCheckoutSession(ctx, id),
    listCustomerSubscriptions: (customerId) => listCustomerSubscriptions(db, customerId),
    currentSubscription: async (customerId) => (customerId ? findSubscriptionForCustomer(ctx, customerId) : null),
    completeCheckout: (input) => completeCheckout(ctx, input),
    subscribe: (input) => subscribe(ctx, input),
    changePlan: (input) => changePlan(ctx, input),
    setCancelAtPeriodEnd: (input) => setCancelAtPeriodEnd(ctx, input),
    cancelNow: (input) => cancelNow(ctx, input),
    failRenewal: (input) => failRenewal(ctx, input),
    payOutstanding: (input) => payOutstanding(ctx, input),
    endTrial: (input) => endTrial(ctx, input),
    trialWillEnd: (input) => trialWillEnd(ctx, input),
    pause: (input) => pause(ctx, input),
    resumePaused: (input) => resumePaused(ctx, input),
    replay: (eventId) => replayEvent(ctx, eventId),
    listEvents: (filter) => listEvents(ctx, filter),
  };
}
