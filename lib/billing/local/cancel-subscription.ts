// Ending a subscription now (the portal's "cancel now", the CLI's `cancel --now`), and the
// pause/resume pair: each takes the entitlements away or gives them back with its event.
import "server-only";
import type { LocalContext } from "@/lib/billing/local/context";
import { LocalBillingError } from "@/lib/billing/local/errors";
import { toUnix } from "@/lib/billing/local/ids";
import { cancellationDetails } from "@/lib/billing/local/build-subscription";
import { invoiceSubscription } from "@/lib/billing/local/invoices";
import { entitlementEvent, mutateSubscription, startPeriod, type LocalChange } from "@/lib/billing/local/mutate-subscription";

type Ref = { subscriptionId: string };

export async function cancelNow(ctx: LocalContext, { subscriptionId }: Ref): Promise<LocalChange> {
  return mutateSubscription(
    ctx,
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
}

export async function pause(ctx: LocalContext, { subscriptionId }: Ref): Promise<LocalChange> {
  return mutateSubscription(
    ctx,
    subscriptionId,
    async (sub) => {
      if (sub.status !== "trialing" && sub.status !== "active") throw new LocalBillingError("Only a live subscription can be paused.");
      sub.status = "paused";
      return [entitlementEvent(sub, false)];
    },
    "customer.subscription.paused",
  );
}

/** A paused subscription resumes: a new period starts and is paid. */
export async function resumePaused(ctx: LocalContext, { subscriptionId }: Ref): Promise<LocalChange> {
  return mutateSubscription(
    ctx,
    subscriptionId,
    async (sub, now, tx) => {
      if (sub.status !== "paused") throw new LocalBillingError("This subscription is not paused.");
      sub.status = "active";
      startPeriod(sub, now);
      const invoice = await invoiceSubscription(tx, { sub, now, paid: true, billingReason: "subscription_cycle" });
      return [{ type: "invoice.paid", object: invoice }, entitlementEvent(sub, true)];
    },
    "customer.subscription.resumed",
  );
}
