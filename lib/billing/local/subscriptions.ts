// Reading the local provider's subscriptions: by id, and "the customer's current one" (the
// webhook's question, see pickCurrentSubscription), which the webhook asks inside its own
// transaction on the same database.
import "server-only";
import type pg from "pg";
import type Stripe from "stripe";
import type { Db } from "@/lib/db/client";
import { pickCurrentSubscription } from "@/lib/billing/pick-current-subscription";
import { isLiveSubscription } from "@/lib/billing/provider";
import type { LocalContext } from "@/lib/billing/local/context";
import { getObject, listCustomerSubscriptions, listCustomerSubscriptionsPg } from "@/lib/billing/local/store";

export async function retrieveSubscription(ctx: LocalContext, id: string, opts?: { tx?: Db }) {
  return getObject(opts?.tx ?? ctx.db, id, "subscription");
}

export async function findSubscriptionForCustomer(
  ctx: LocalContext,
  customerId: string,
  opts?: { tx?: Db; pg?: pg.ClientBase },
): Promise<Stripe.Subscription | null> {
  if (opts?.pg) return pickCurrentSubscription(await listCustomerSubscriptionsPg(opts.pg, customerId));
  return pickCurrentSubscription(await listCustomerSubscriptions(opts?.tx ?? ctx.db, customerId));
}

/** The customer's subscription if it is live (see isLiveSubscription), else null. */
export async function liveSubscriptionFor(ctx: LocalContext, customerId: string | null, store: Db = ctx.db) {
  if (!customerId) return null;
  const current = pickCurrentSubscription(await listCustomerSubscriptions(store, customerId));
  return isLiveSubscription(current) ? current : null;
}
