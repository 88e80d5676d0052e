// Checkout, step two ("Pay"): an open session becomes a subscription (optionally trialing)
// with its first invoice, and Stripe's events for it, in Stripe's order. `subscribe` is both
// steps at once (the CLI's `subscribe`, the seed).
import "server-only";
import type Stripe from "stripe";
import type { BillingOrg, BillingUser } from "@/lib/billing/provider";
import type { LocalContext } from "@/lib/billing/local/context";
import { LocalBillingError } from "@/lib/billing/local/errors";
import { addInterval, stripeId, toUnix } from "@/lib/billing/local/ids";
import { buildSubscription } from "@/lib/billing/local/build-subscription";
import { completedCheckoutSession } from "@/lib/billing/local/build-checkout-session";
import { deliverAll } from "@/lib/billing/local/delivery";
import { getObject, putObject, recordEvents } from "@/lib/billing/local/store";
import { liveSubscriptionFor } from "@/lib/billing/local/subscriptions";
import { createCheckout } from "@/lib/billing/local/create-checkout-session";
import { entitlementEvent, type LocalChange } from "@/lib/billing/local/mutate-subscription";
import { invoiceSubscription } from "@/lib/billing/local/invoices";
import { PRICE_LOOKUP_KEYS, type PriceLookupKey } from "@/lib/licensing/policy";

export type CompleteCheckoutInput = { sessionId: string; lookupKey: PriceLookupKey; trialDays?: number };

function newSubscription({
  session,
  lookupKey,
  trialDays,
  now,
}: {
  session: Stripe.Checkout.Session;
  lookupKey: PriceLookupKey;
  trialDays: number;
  now: Date;
}) {
  const created = toUnix(now);
  const trialing = trialDays > 0;
  const periodEnd = trialing ? new Date(now.getTime() + trialDays * 86_400_000) : addInterval(now, PRICE_LOOKUP_KEYS[lookupKey].interval);
  return buildSubscription({
    id: stripeId("sub"),
    customer: session.customer as string,
    orgId: session.client_reference_id!,
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
}

export async function completeCheckout(
  ctx: LocalContext,
  { sessionId, lookupKey, trialDays = 0 }: CompleteCheckoutInput,
): Promise<LocalChange> {
  const { sub, events } = await ctx.db.$transaction(async (tx) => {
    const session = await getObject(tx, sessionId, "checkout.session", true);
    if (!session) throw new LocalBillingError("This checkout link is not valid.");
    if (session.status !== "open") throw new LocalBillingError("This checkout has already been completed.");
    const now = ctx.clock();
    if (session.expires_at < toUnix(now)) throw new LocalBillingError("This checkout has expired. Start again from the billing page.");
    const customer = session.customer as string;
    if (await liveSubscriptionFor(ctx, customer, tx)) {
      throw new LocalBillingError("This organisation already has a subscription. Change it from the billing portal.");
    }
    const sub = newSubscription({ session, lookupKey, trialDays, now });
    const invoice = await invoiceSubscription(tx, { sub, now, paid: true, billingReason: "subscription_create" });
    await putObject(tx, sub, customer);
    const completed = completedCheckoutSession(session, { subscription: sub.id, invoice: invoice.id, lookupKey, trialing: trialDays > 0 });
    await putObject(tx, completed, customer);
    // Stripe's order for a new subscription through Checkout.
    const events = await recordEvents(
      tx,
      customer,
      [
        { type: "customer.subscription.created", object: sub },
        { type: "invoice.paid", object: invoice },
        { type: "checkout.session.completed", object: completed },
        entitlementEvent(sub, true),
      ],
      toUnix(now),
    );
    return { sub, events };
  });
  await deliverAll(ctx, events);
  return { subscription: sub, events };
}

export type SubscribeInput = { org: BillingOrg; user: BillingUser; lookupKey: PriceLookupKey; trialDays?: number };

export async function subscribe(ctx: LocalContext, { org, user, lookupKey, trialDays = 0 }: SubscribeInput): Promise<LocalChange> {
  const { plan, interval } = PRICE_LOOKUP_KEYS[lookupKey];
  const fresh = await ctx.db.organization.findUnique({ where: { id: org.id }, select: { stripeCustomerId: true } });
  const checkout = await createCheckout(ctx, { org: { ...org, stripeCustomerId: fresh?.stripeCustomerId ?? null }, plan, interval, user });
  if (checkout.kind === "portal") throw new LocalBillingError("This organisation already has a subscription.");
  const sessionId = new URL(checkout.url).searchParams.get("session")!;
  return completeCheckout(ctx, { sessionId, lookupKey, trialDays });
}
