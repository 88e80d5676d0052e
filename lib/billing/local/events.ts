// The provider's event log: every event it emitted is stored, listed newest first (the
// portal's recent events, the CLI's `events`) and can be delivered again by id.
import "server-only";
import type Stripe from "stripe";
import type { LocalContext } from "@/lib/billing/local/context";
import { LocalBillingError } from "@/lib/billing/local/errors";
import { deliverAll } from "@/lib/billing/local/delivery";
import { getObject, listEvents as listStoredEvents } from "@/lib/billing/local/store";

/** Re-sends a stored event (freshly signed, same id: the webhook dedupes it). */
export async function replayEvent(ctx: LocalContext, eventId: string): Promise<Stripe.Event> {
  const event = await getObject(ctx.db, eventId, "event");
  if (!event) throw new LocalBillingError(`No stored event ${eventId}.`);
  await deliverAll(ctx, [event]);
  return event;
}

export async function listEvents(ctx: LocalContext, filter: { customerId?: string; limit?: number } = {}): Promise<Stripe.Event[]> {
  return listStoredEvents(ctx.db, filter);
}
