// The local provider's invoices: one per period started or plan changed, stored beside the
// subscription and set as its latest_invoice.
import "server-only";
import type Stripe from "stripe";
import type { Db } from "@/lib/db/client";
import { stripeId, toUnix } from "@/lib/billing/local/ids";
import { buildInvoice } from "@/lib/billing/local/build-invoice";
import { getObject, putObject } from "@/lib/billing/local/store";
import { customerOf, itemOf, lookupKeyOf } from "@/lib/billing/local/mutate-subscription";

/**
 * Invoices the subscription's current period (paid, or left open for a failed charge) and
 * stores it; `lines` replaces the period's line (a plan change's proration). Credit on the
 * customer's balance (left by a downgrade) is spent first, as Stripe does.
 */
export async function invoiceSubscription(
  tx: Db,
  {
    sub,
    now,
    paid,
    billingReason,
    lines,
  }: {
    sub: Stripe.Subscription;
    now: Date;
    paid: boolean;
    billingReason: Stripe.Invoice.BillingReason;
    lines?: { amount: number; description: string; proration: boolean }[];
  },
): Promise<Stripe.Invoice> {
  const item = itemOf(sub);
  const customer = await getObject(tx, customerOf(sub), "customer");
  const invoice = buildInvoice({
    id: stripeId("in"),
    customer: customerOf(sub),
    subscription: sub.id,
    orgId: sub.metadata.org_id ?? "",
    lookupKey: lookupKeyOf(sub),
    quantity: item.quantity ?? 1,
    created: toUnix(now),
    periodStart: item.current_period_start,
    periodEnd: item.current_period_end,
    paid,
    billingReason,
    lines,
    startingBalance: Math.min(0, customer?.balance ?? 0),
  });
  if (customer && customer.balance !== invoice.ending_balance) {
    await putObject(tx, { ...customer, balance: invoice.ending_balance ?? 0 }, customer.id);
  }
  sub.latest_invoice = invoice.id;
  await putObject(tx, invoice, invoice.customer as string);
  return invoice;
}
