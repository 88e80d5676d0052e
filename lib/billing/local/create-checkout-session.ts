// Checkout, step one: the org's customer (created once, under the org's row lock) and an open
// Checkout session whose URL is the local checkout page. An org with a live subscription is
// sent to the portal instead, as Stripe's provider does: never two subscriptions for one org.
import "server-only";
import type Stripe from "stripe";
import type { BillingOrg, BillingUser, CheckoutRequest } from "@/lib/billing/provider";
import type { LocalContext } from "@/lib/billing/local/context";
import { selectOrgCustomerForUpdate } from "@/lib/billing/billing-sql";
import { LocalBillingError } from "@/lib/billing/local/errors";
import { stripeId, toUnix } from "@/lib/billing/local/ids";
import { buildCustomer } from "@/lib/billing/local/build-subscription";
import { buildCheckoutSession } from "@/lib/billing/local/build-checkout-session";
import { getObject, putObject } from "@/lib/billing/local/store";
import { liveSubscriptionFor } from "@/lib/billing/local/subscriptions";
import { lookupKeyFor } from "@/lib/licensing/policy";

async function ensureCustomer(ctx: LocalContext, { org, user }: { org: BillingOrg; user: BillingUser }): Promise<string> {
  return ctx.db.$transaction(async (tx) => {
    // Lock the org row: two simultaneous checkouts must not create two customers.
    const locked = await selectOrgCustomerForUpdate({ tx, orgId: org.id });
    if (!locked) throw new LocalBillingError("That organisation no longer exists.");
    const existing = locked.stripeCustomerId;
    if (existing && (await getObject(tx, existing, "customer"))) return existing;
    const id = existing ?? stripeId("cus");
    await putObject(tx, buildCustomer({ id, email: user.email, name: org.name, orgId: org.id, created: toUnix(ctx.clock()) }), id);
    if (!existing) await tx.organization.update({ where: { id: org.id }, data: { stripeCustomerId: id } });
    return id;
  });
}

export async function createCheckout(
  ctx: LocalContext,
  { org, plan, interval, user }: CheckoutRequest,
): Promise<{ url: string; kind: "checkout" | "portal" }> {
  const portal = { url: ctx.url("/billing/portal"), kind: "portal" } as const;
  if (await liveSubscriptionFor(ctx, org.stripeCustomerId)) return portal;
  const customer = await ensureCustomer(ctx, { org, user });
  if (await liveSubscriptionFor(ctx, customer)) return portal;
  const id = stripeId("cs_test");
  const url = ctx.url(`/billing/checkout?session=${encodeURIComponent(id)}`);
  const session = buildCheckoutSession({
    id,
    customer,
    customerEmail: user.email,
    orgId: org.id,
    lookupKey: lookupKeyFor(plan, interval),
    created: toUnix(ctx.clock()),
    url,
    successUrl: ctx.url("/billing?checkout=success"),
    cancelUrl: ctx.url("/billing?checkout=canceled"),
  });
  await putObject(ctx.db, session, customer);
  return { url, kind: "checkout" };
}

export async function getCheckoutSession(ctx: LocalContext, id: string): Promise<Stripe.Checkout.Session | null> {
  return getObject(ctx.db, id, "checkout.session");
}
