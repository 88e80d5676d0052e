// Time passing at the provider, on demand: a renewal whose charge fails, the outstanding
// invoice paid, a trial ending (and Stripe's notice three days before it does).
import "server-only";
import type { LocalContext } from "@/lib/billing/local/context";
import { LocalBillingError } from "@/lib/billing/local/errors";
import { toUnix } from "@/lib/billing/local/ids";
import { paidInvoice } from "@/lib/billing/local/build-invoice";
import { getObject, putObject } from "@/lib/billing/local/store";
import { invoiceSubscription } from "@/lib/billing/local/invoices";
import { customerOf, mutateSubscription, startPeriod, type LocalChange } from "@/lib/billing/local/mutate-subscription";

type Ref = { subscriptionId: string };

/** The renewal charge fails: a new period starts, its invoice stays open, status → past_due. */
export async function failRenewal(ctx: LocalContext, { subscriptionId }: Ref): Promise<LocalChange> {
  return mutateSubscription(ctx, subscriptionId, async (sub, now, tx) => {
    if (sub.status !== "active" && sub.status !== "trialing")
      throw new LocalBillingError("Only an active or trialing subscription can fail a renewal.");
    if (sub.status === "trialing") sub.trial_end = toUnix(now);
    sub.status = "past_due";
    startPeriod(sub, now);
    const invoice = await invoiceSubscription(tx, { sub, now, paid: false, billingReason: "subscription_cycle" });
    return [{ type: "invoice.payment_failed", object: invoice }];
  });
}

/** The customer fixes their card: the open invoice is paid, status → active. */
export async function payOutstanding(ctx: LocalContext, { subscriptionId }: Ref): Promise<LocalChange> {
  return mutateSubscription(ctx, subscriptionId, async (sub, now, tx) => {
    if (sub.status !== "past_due" && sub.status !== "unpaid")
      throw new LocalBillingError("There is nothing outstanding on this subscription.");
    sub.status = "active";
    const open = sub.latest_invoice ? await getObject(tx, sub.latest_invoice as string, "invoice") : null;
    if (!open) {
      const invoice = await invoiceSubscription(tx, { sub, now, paid: true, billingReason: "subscription_cycle" });
      return [{ type: "invoice.paid", object: invoice }];
    }
    const invoice = paidInvoice(open, toUnix(now));
    await putObject(tx, invoice, customerOf(sub));
    return [{ type: "invoice.paid", object: invoice }];
  });
}

/** Ends a trial now: the first real period starts and is paid. */
export async function endTrial(ctx: LocalContext, { subscriptionId }: Ref): Promise<LocalChange> {
  return mutateSubscription(ctx, subscriptionId, async (sub, now, tx) => {
    if (sub.status !== "trialing") throw new LocalBillingError("This subscription is not in a trial.");
    sub.status = "active";
    sub.trial_end = toUnix(now);
    startPeriod(sub, now);
    const invoice = await invoiceSubscription(tx, { sub, now, paid: true, billingReason: "subscription_cycle" });
    return [{ type: "invoice.paid", object: invoice }];
  });
}

/** Stripe sends this three days before a trial ends (the state does not change). */
export async function trialWillEnd(ctx: LocalContext, { subscriptionId }: Ref): Promise<LocalChange> {
  return mutateSubscription(
    ctx,
    subscriptionId,
    async (sub) => {
      if (sub.status !== "trialing") throw new LocalBillingError("This subscription is not in a trial.");
      return [];
    },
    "customer.subscription.trial_will_end",
  );
}
