// How the local provider's events reach the app: signed exactly as Stripe signs them
// (t=…,v1=HMAC-SHA256 over "t.payload") with STRIPE_WEBHOOK_SECRET and POSTed to the same
// webhook route real Stripe calls. Delivery is injectable so tests and the seed can capture
// events instead of POSTing.
import "server-only";
import Stripe from "stripe";
import { LocalDeliveryError } from "@/lib/billing/local/errors";

export type SignedDelivery = { event: Stripe.Event; payload: string; signature: string };
export type DeliverFn = (delivery: SignedDelivery) => Promise<void>;

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

/** Delivers every event in order, even after one fails; then throws naming all that failed. */
export async function deliverAll({ deliver, webhookSecret }: { deliver: DeliverFn; webhookSecret: string }, events: Stripe.Event[]) {
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
