// The local billing provider (default without STRIPE_SECRET_KEY): a tiny Stripe that keeps
// customers, subscriptions, checkout sessions, invoices and events in LocalBillingObject,
// shaped exactly like Stripe's current API objects, and delivers every event *signed* with
// STRIPE_WEBHOOK_SECRET to POST /api/webhooks/stripe — the same route, the same
// verification, the same sync as real Stripe. Delivery is injectable so tests and the seed
// can capture events instead of POSTing.
//
// Invariant: a mutation commits the provider's new state first, then delivers its events in
// order. A failed delivery leaves the events stored (replayable by id) and the webhook,
// which always re-reads current state, converges on the next delivery of any of them.
import "server-only";
import Stripe from "stripe";
import type pg from "pg";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { BillingOrg, BillingProvider, BillingUser, CheckoutRequest } from "@/lib/billing/provider";
import { pickCurrentSubscription } from "@/lib/billing/pick-current-subscription";
import {
  addInterval,
  buildCheckoutSession,
  buildCustomer,
  buildEntitlementSummary,
  buildEvent,
  buildInvoice,
  buildPrice,
  buildSubscription,
  cancellationDetails,
  stripeId,
  toUnix,
} from "@/lib/billing/local/objects";
import { PLANS, PRICE_LOOKUP_KEYS, lookupKeyFor, type PriceLookupKey } from "@/lib/licensing/policy";

export type SignedDelivery = { event: Stripe.Event; payload: string; signature: string };
export type DeliverFn = (delivery: SignedDelivery) => Promise<void>;

export class LocalDeliveryError extends Error {
  constructor(
    message: string,
    readonly eventIds: string[],
  ) {
    super(message);
    this.name = "LocalDeliveryError";
  }
}

export class LocalBillingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalBillingError";
  }
}

type Store = PrismaClient | Db;

const SUBSCRIPTIONS_OF_CUSTOMER = `SELECT data FROM "LocalBillingObject" WHERE "customerId" = $1 AND type = 'subscription'`;

const LIVE_STATUSES = new Set(["active", "trialing", "past_due", "unpaid", "paused", "incomplete"]);

/** Signs an event exactly as Stripe does (t=…,v1=HMAC-SHA256 over "t.payload"). */
export function signEvent(event: Stripe.Event, secret: string, timestamp?: number): SignedDelivery {
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  return { event, payload, signature };
}

/** POSTs to the app's webhook route; a non-2xx answer is a failed delivery, as with Stripe. */
export function httpDeliver(appUrl: string): DeliverFn {
  const endpoint = new URL("/api/webhooks/stripe", appUrl).toString();
  return async ({ event, payload, signature }) => {
    const res = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      body: payload,
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) throw new LocalDeliveryError(`Webhook answered HTTP ${res.status} for ${event.id}`, [event.id]);
  };
}

export type LocalProvider = ReturnType<typeof createLocalProvider>;

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
}) {
  const url = (path: string) => new URL(path, appUrl).toString();

  async function put(store: Store, object: { id: string; object: string }, customerId: string | null) {
    const data = object as unknown as Prisma.InputJsonValue;
    await store.localBillingObject.upsert({
      where: { id: object.id },
      create: { id: object.id, type: object.object, customerId, data },
      update: { data, customerId },
    });
  }

  async function get<T>(store: Store, id: string, type: string, lock = false): Promise<T | null> {
    if (lock) {
      // Serialises concurrent mutations of one object (two portal clicks at once).
      await store.$queryRaw`SELECT 1 FROM "LocalBillingObject" WHERE id = ${id} FOR UPDATE`;
    }
    const row = await store.localBillingObject.findUnique({ where: { id } });
    return row && row.type === type ? (row.data as unknown as T) : null;
  }

  async function deliverAll(events: Stripe.Event[]) {
    const failed: string[] = [];
    let lastError: unknown;
    for (const event of events) {
      try {
        await deliver(signEvent(event, webhookSecret));
      } catch (err) {
        failed.push(event.id);
        lastError = err;
      }
    }
    if (failed.length) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new LocalDeliveryError(`Could not deliver ${failed.join(", ")} to the webhook (${reason})`, failed);
    }
  }

  /** Stores events (replayable) in the mutation's transaction. */
  async function record(store: Store, customerId: string, events: { type: string; object: object }[], created: number) {
    const built = events.map((e) => buildEvent({ ...e, created }));
    for (const event of built) await put(store, event, customerId);
    return built;
  }

  async function ensureCustomer({ org, user }: { org: BillingOrg; user: BillingUser }): Promise<string> {
    return db.$transaction(async (tx) => {
      // Lock the org row: two simultaneous checkouts must not create two customers.
      const rows = await tx.$queryRaw<{ stripeCustomerId: string | null }[]>`
        SELECT "stripeCustomerId" FROM "Organization" WHERE id = ${org.id}::uuid FOR UPDATE`;
      if (!rows[0]) throw new LocalBillingError("That organisation no longer exists.");
      const existing = rows[0].stripeCustomerId;
      if (existing && (await get(tx, existing, "customer"))) return existing;
      const id = existing ?? stripeId("cus");
      await put(tx, buildCustomer({ id, email: user.email, name: org.name, orgId: org.id, created: toUnix(clock()) }), id);
      if (!existing) await tx.organization.update({ where: { id: org.id }, data: { stripeCustomerId: id } });
      return id;
    });
  }

  async function listCustomerSubscriptions(store: Store, customerId: string) {
    // Raw: this runs inside every webhook's transaction, and skips the ORM's query building.
    const rows = await store.$queryRawUnsafe<{ data: Stripe.Subscription }[]>(SUBSCRIPTIONS_OF_CUSTOMER, customerId);
    return rows.map((r) => r.data);
  }

  async function findSubscriptionForCustomer(customerId: string, opts?: { tx?: Db; pg?: pg.ClientBase }) {
    if (opts?.pg) {
      // Unnamed, like every statement on the pooled URL (PgBouncer transaction mode).
      const { rows } = await opts.pg.query<{ data: Stripe.Subscription }>(SUBSCRIPTIONS_OF_CUSTOMER, [customerId]);
      return pickCurrentSubscription(rows.map((r) => r.data));
    }
    return pickCurrentSubscription(await listCustomerSubscriptions(opts?.tx ?? db, customerId));
  }

  async function liveSubscriptionFor(customerId: string | null) {
    if (!customerId) return null;
    const current = await findSubscriptionForCustomer(customerId);
    return current && LIVE_STATUSES.has(current.status) ? current : null;
  }

  /**
   * Applies `change` to a subscription under a row lock, stores it and its events, commits,
   * then delivers. `change` returns the events to emit (the subscription event is added).
   */
  async function mutate(
    subscriptionId: string,
    change: (sub: Stripe.Subscription, now: Date, tx: Db) => Promise<{ type: string; object: object }[] | null>,
    subscriptionEventType: string = "customer.subscription.updated",
  ) {
    const { sub, events } = await db.$transaction(async (tx) => {
      const sub = await get<Stripe.Subscription>(tx, subscriptionId, "subscription", true);
      if (!sub) throw new LocalBillingError("No such subscription.");
      const now = clock();
      const extra = await change(sub, now, tx);
      if (extra === null) return { sub, events: [] as Stripe.Event[] };
      const customerId = sub.customer as string;
      await put(tx, sub, customerId);
      const events = await record(tx, customerId, [...extra, { type: subscriptionEventType, object: sub }], toUnix(now));
      return { sub, events };
    });
    await deliverAll(events);
    return { subscription: sub, events };
  }

  const item = (sub: Stripe.Subscription) => sub.items.data[0]!;
  const lookupKeyOf = (sub: Stripe.Subscription) => item(sub).price.lookup_key as PriceLookupKey;
  const orgIdOf = (sub: Stripe.Subscription) => sub.metadata.org_id ?? "";
  const entitlementEvent = (sub: Stripe.Subscription, active: boolean) => ({
    type: "entitlements.active_entitlement_summary.updated",
    object: buildEntitlementSummary({
      customer: sub.customer as string,
      features: active ? PLANS[PRICE_LOOKUP_KEYS[lookupKeyOf(sub)].plan].features : [],
    }),
  });

  function newInvoice(sub: Stripe.Subscription, now: Date, paid: boolean, billingReason: Stripe.Invoice.BillingReason) {
    const invoice = buildInvoice({
      id: stripeId("in"),
      customer: sub.customer as string,
      subscription: sub.id,
      orgId: orgIdOf(sub),
      lookupKey: lookupKeyOf(sub),
      quantity: item(sub).quantity ?? 1,
      created: toUnix(now),
      periodStart: item(sub).current_period_start,
      periodEnd: item(sub).current_period_end,
      paid,
      billingReason,
    });
    sub.latest_invoice = invoice.id;
    return invoice;
  }

  async function storeInvoice(tx: Db, invoice: Stripe.Invoice) {
    await put(tx, invoice, invoice.customer as string);
    return invoice;
  }

  function startPeriod(sub: Stripe.Subscription, start: Date) {
    const interval = PRICE_LOOKUP_KEYS[lookupKeyOf(sub)].interval;
    item(sub).current_period_start = toUnix(start);
    item(sub).current_period_end = toUnix(addInterval(start, interval));
    sub.billing_cycle_anchor = toUnix(start);
  }

  const provider = {
    kind: "local" as const,

    async createCheckout({ org, plan, interval, user }: CheckoutRequest) {
      if (await liveSubscriptionFor(org.stripeCustomerId)) return { url: url("/billing/portal"), kind: "portal" as const };
      const customer = await ensureCustomer({ org, user });
      if (await liveSubscriptionFor(customer)) return { url: url("/billing/portal"), kind: "portal" as const };
      const id = stripeId("cs_test");
      const session = buildCheckoutSession({
        id,
        customer,
        customerEmail: user.email,
        orgId: org.id,
        lookupKey: lookupKeyFor(plan, interval),
        created: toUnix(clock()),
        url: url(`/billing/checkout?session=${encodeURIComponent(id)}`),
        successUrl: url("/billing?checkout=success"),
        cancelUrl: url("/billing?checkout=canceled"),
      });
      await put(db, session, customer);
      return { url: session.url!, kind: "checkout" as const };
    },

    async createPortal({ org }: { org: BillingOrg }) {
      if (!org.stripeCustomerId) throw new LocalBillingError("This organisation has no billing account yet.");
      return { url: url("/billing/portal") };
    },

    async retrieveSubscription(id: string, opts?: { tx?: Db }) {
      return get<Stripe.Subscription>(opts?.tx ?? db, id, "subscription");
    },

    findSubscriptionForCustomer,

    // ── Local-only operations (checkout page, portal page, CLI, seed) ──────────────────

    async getCheckoutSession(id: string) {
      return get<Stripe.Checkout.Session>(db, id, "checkout.session");
    },

    async listCustomerSubscriptions(customerId: string) {
      return listCustomerSubscriptions(db, customerId);
    },

    async currentSubscription(customerId: string | null) {
      return customerId ? findSubscriptionForCustomer(customerId) : null;
    },

    /** "Pay": turns an open checkout session into a subscription (optionally trialing). */
    async completeCheckout({ sessionId, lookupKey, trialDays = 0 }: { sessionId: string; lookupKey: PriceLookupKey; trialDays?: number }) {
      const { sub, events } = await db.$transaction(async (tx) => {
        const session = await get<Stripe.Checkout.Session>(tx, sessionId, "checkout.session", true);
        if (!session) throw new LocalBillingError("This checkout link is not valid.");
        if (session.status !== "open") throw new LocalBillingError("This checkout has already been completed.");
        const now = clock();
        if (session.expires_at < toUnix(now)) throw new LocalBillingError("This checkout has expired. Start again from the billing page.");
        const customer = session.customer as string;
        const orgId = session.client_reference_id!;
        const existing = pickCurrentSubscription(await listCustomerSubscriptions(tx, customer));
        if (existing && LIVE_STATUSES.has(existing.status)) {
          throw new LocalBillingError("This organisation already has a subscription. Change it from the billing portal.");
        }
        const created = toUnix(now);
        const trialing = trialDays > 0;
        const periodEnd = trialing
          ? new Date(now.getTime() + trialDays * 86_400_000)
          : addInterval(now, PRICE_LOOKUP_KEYS[lookupKey].interval);
        const sub = buildSubscription({
          id: stripeId("sub"),
          customer,
          orgId,
          lookupKey,
          status: trialing ? "trialing" : "active",
          quantity: 1,
          created,
          periodStart: created,
          periodEnd: toUnix(periodEnd),
          trialStart: trialing ? created : null,
          trialEnd: trialing ? toUnix(periodEnd) : null,
          cancelAtPeriodEnd: false,
          canceledAt: null,
          endedAt: null,
          latestInvoice: null,
          itemId: stripeId("si"),
        });
        const invoice = await storeInvoice(tx, newInvoice(sub, now, true, "subscription_create"));
        await put(tx, sub, customer);
        const completed = {
          ...session,
          status: "complete",
          payment_status: trialing ? "no_payment_required" : "paid",
          subscription: sub.id,
          invoice: invoice.id,
          metadata: { ...session.metadata, lookup_key: lookupKey },
          amount_total: trialing ? 0 : session.amount_total,
          url: null,
        } as Stripe.Checkout.Session;
        await put(tx, completed, customer);
        // Stripe's order for a new subscription through Checkout.
        const events = await record(
          tx,
          customer,
          [
            { type: "customer.subscription.created", object: sub },
            { type: "invoice.paid", object: invoice },
            { type: "checkout.session.completed", object: completed },
            entitlementEvent(sub, true),
          ],
          created,
        );
        return { sub, events };
      });
      await deliverAll(events);
      return { subscription: sub, events };
    },

    /** Checkout + pay in one step (CLI `subscribe`, the seed). */
    async subscribe({
      org,
      user,
      lookupKey,
      trialDays = 0,
    }: {
      org: BillingOrg;
      user: BillingUser;
      lookupKey: PriceLookupKey;
      trialDays?: number;
    }) {
      const { plan, interval } = PRICE_LOOKUP_KEYS[lookupKey];
      const fresh = await db.organization.findUnique({ where: { id: org.id }, select: { stripeCustomerId: true } });
      const checkout = await provider.createCheckout({
        org: { ...org, stripeCustomerId: fresh?.stripeCustomerId ?? null },
        plan,
        interval,
        user,
      });
      if (checkout.kind === "portal") throw new LocalBillingError("This organisation already has a subscription.");
      const sessionId = new URL(checkout.url).searchParams.get("session")!;
      return provider.completeCheckout({ sessionId, lookupKey, trialDays });
    },

    /** Portal: switch price (upgrade/downgrade/interval), effective immediately like Stripe's default proration. */
    async changePlan({ subscriptionId, lookupKey }: { subscriptionId: string; lookupKey: PriceLookupKey }) {
      return mutate(subscriptionId, async (sub, now, tx) => {
        assertChangeable(sub);
        if (lookupKeyOf(sub) === lookupKey) return null;
        const price = buildPrice(lookupKey, toUnix(now));
        const it = item(sub);
        it.price = price;
        it.plan = {
          ...it.plan,
          id: price.id,
          amount: price.unit_amount,
          amount_decimal: price.unit_amount_decimal,
          interval: price.recurring!.interval,
          nickname: price.nickname,
          product: price.product,
        };
        const events: { type: string; object: object }[] = [];
        if (sub.status === "active") {
          const invoice = await storeInvoice(tx, newInvoice(sub, now, true, "subscription_update"));
          events.push({ type: "invoice.paid", object: invoice });
        }
        events.push(entitlementEvent(sub, true));
        return events;
      });
    },

    async setCancelAtPeriodEnd({ subscriptionId, cancelAtPeriodEnd }: { subscriptionId: string; cancelAtPeriodEnd: boolean }) {
      return mutate(subscriptionId, async (sub) => {
        assertChangeable(sub);
        if (sub.cancel_at_period_end === cancelAtPeriodEnd) return null;
        sub.cancel_at_period_end = cancelAtPeriodEnd;
        sub.cancel_at = cancelAtPeriodEnd ? item(sub).current_period_end : null;
        sub.cancellation_details = cancellationDetails(cancelAtPeriodEnd ? "cancellation_requested" : null);
        return [];
      });
    },

    async cancelNow({ subscriptionId }: { subscriptionId: string }) {
      return mutate(
        subscriptionId,
        async (sub, now) => {
          if (sub.status === "canceled" || sub.status === "incomplete_expired")
            throw new LocalBillingError("This subscription has already ended.");
          sub.status = "canceled";
          sub.canceled_at = toUnix(now);
          sub.ended_at = toUnix(now);
          sub.cancel_at_period_end = false;
          sub.cancel_at = null;
          sub.cancellation_details = cancellationDetails("cancellation_requested");
          return [entitlementEvent(sub, false)];
        },
        "customer.subscription.deleted",
      );
    },

    /** The renewal charge fails: a new period starts, its invoice stays open, status → past_due. */
    async failRenewal({ subscriptionId }: { subscriptionId: string }) {
      return mutate(subscriptionId, async (sub, now, tx) => {
        if (sub.status !== "active" && sub.status !== "trialing")
          throw new LocalBillingError("Only an active or trialing subscription can fail a renewal.");
        if (sub.status === "trialing") {
          sub.trial_end = toUnix(now);
        }
        sub.status = "past_due";
        startPeriod(sub, now);
        const invoice = await storeInvoice(tx, newInvoice(sub, now, false, "subscription_cycle"));
        return [{ type: "invoice.payment_failed", object: invoice }];
      });
    },

    /** The customer fixes their card: the open invoice is paid, status → active. */
    async payOutstanding({ subscriptionId }: { subscriptionId: string }) {
      return mutate(subscriptionId, async (sub, now, tx) => {
        if (sub.status !== "past_due" && sub.status !== "unpaid")
          throw new LocalBillingError("There is nothing outstanding on this subscription.");
        sub.status = "active";
        const open = sub.latest_invoice ? await get<Stripe.Invoice>(tx, sub.latest_invoice as string, "invoice") : null;
        const invoice = open
          ? ({
              ...open,
              status: "paid",
              amount_paid: open.amount_due,
              amount_remaining: 0,
              status_transitions: { ...open.status_transitions, paid_at: toUnix(now) },
            } as Stripe.Invoice)
          : newInvoice(sub, now, true, "subscription_cycle");
        await storeInvoice(tx, invoice);
        return [{ type: "invoice.paid", object: invoice }];
      });
    },

    /** Ends a trial now: the first real period starts and is paid. */
    async endTrial({ subscriptionId }: { subscriptionId: string }) {
      return mutate(subscriptionId, async (sub, now, tx) => {
        if (sub.status !== "trialing") throw new LocalBillingError("This subscription is not in a trial.");
        sub.status = "active";
        sub.trial_end = toUnix(now);
        startPeriod(sub, now);
        const invoice = await storeInvoice(tx, newInvoice(sub, now, true, "subscription_cycle"));
        return [{ type: "invoice.paid", object: invoice }];
      });
    },

    /** Stripe sends this three days before a trial ends (the state does not change). */
    async trialWillEnd({ subscriptionId }: { subscriptionId: string }) {
      return mutate(
        subscriptionId,
        async (sub) => {
          if (sub.status !== "trialing") throw new LocalBillingError("This subscription is not in a trial.");
          return [];
        },
        "customer.subscription.trial_will_end",
      );
    },

    async pause({ subscriptionId }: { subscriptionId: string }) {
      return mutate(
        subscriptionId,
        async (sub) => {
          if (sub.status !== "trialing" && sub.status !== "active") throw new LocalBillingError("Only a live subscription can be paused.");
          sub.status = "paused";
          return [entitlementEvent(sub, false)];
        },
        "customer.subscription.paused",
      );
    },

    async resumePaused({ subscriptionId }: { subscriptionId: string }) {
      return mutate(
        subscriptionId,
        async (sub, now, tx) => {
          if (sub.status !== "paused") throw new LocalBillingError("This subscription is not paused.");
          sub.status = "active";
          startPeriod(sub, now);
          const invoice = await storeInvoice(tx, newInvoice(sub, now, true, "subscription_cycle"));
          return [{ type: "invoice.paid", object: invoice }, entitlementEvent(sub, true)];
        },
        "customer.subscription.resumed",
      );
    },

    /** Re-sends a stored event (freshly signed, same id: the webhook dedupes it). */
    async replay(eventId: string) {
      const event = await get<Stripe.Event>(db, eventId, "event");
      if (!event) throw new LocalBillingError(`No stored event ${eventId}.`);
      await deliverAll([event]);
      return event;
    },

    async listEvents({ customerId, limit = 20 }: { customerId?: string; limit?: number } = {}) {
      const rows = await db.localBillingObject.findMany({
        where: { type: "event", ...(customerId ? { customerId } : {}) },
        orderBy: { createdAt: "desc" },
        take: limit,
      });
      return rows.map((r) => r.data as unknown as Stripe.Event);
    },
  };

  function assertChangeable(sub: Stripe.Subscription) {
    if (sub.status === "canceled" || sub.status === "incomplete_expired") {
      throw new LocalBillingError("This subscription has ended. Start a new one from the billing page.");
    }
  }

  return provider satisfies BillingProvider;
}
