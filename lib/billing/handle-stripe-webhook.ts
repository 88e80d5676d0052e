// The webhook pipeline: raw body → verify signature (300 s tolerance) → allow-list →
// dedupe on event.id → hint (customer / subscription / org) → syncCustomerSubscription.
// Answers: 400 for anything unverifiable (nothing written), 200 for processed, duplicate,
// ignored and unknown-customer events, 500 when processing fails so Stripe retries; the
// processed mark is written in the sync's transaction, so a retry applies exactly once.
// Dedupe is that insert (ON CONFLICT DO NOTHING), not a read first: one statement either way.
import "server-only";
import Stripe from "stripe";
import { z } from "zod";
import type pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { BillingProvider } from "@/lib/billing/provider";
import { syncCustomerSubscription, type SyncOutcome } from "@/lib/billing/sync-subscription";
import { logger } from "@/lib/log";

export const WEBHOOK_TOLERANCE_SECONDS = 300;

export const HANDLED_EVENT_TYPES = [
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.paused",
  "customer.subscription.resumed",
  "customer.subscription.trial_will_end",
  "invoice.paid",
  "invoice.payment_failed",
  "entitlements.active_entitlement_summary.updated",
] as const;
export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];
const handled = new Set<string>(HANDLED_EVENT_TYPES);

export type WebhookResult = { status: 200 | 400 | 500; body: Record<string, unknown> };

const idOf = z.union([z.string().min(1), z.object({ id: z.string().min(1) }).transform((o) => o.id)]);
const EventSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1),
  created: z.number().int(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
const HintSchema = z.object({
  id: z.string().optional(),
  customer: idOf.nullish(),
  subscription: idOf.nullish(),
  client_reference_id: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  parent: z
    .object({
      subscription_details: z.object({ subscription: idOf.nullish(), metadata: z.record(z.string(), z.string()).nullish() }).nullish(),
    })
    .nullish(),
});

export type EventHint = { customerId: string | null; subscriptionId: string | null; orgIdHint: string | null };

/** Which customer (and org, if the event says) an allow-listed event is about. */
export function hintFromEvent(type: HandledEventType, object: Record<string, unknown>): EventHint {
  const o = HintSchema.safeParse(object);
  if (!o.success) return { customerId: null, subscriptionId: null, orgIdHint: null };
  const v = o.data;
  const customerId = v.customer ?? null;
  const metaOrg = v.metadata?.org_id ?? null;
  switch (type) {
    case "checkout.session.completed":
      return { customerId, subscriptionId: v.subscription ?? null, orgIdHint: v.client_reference_id ?? metaOrg };
    case "invoice.paid":
    case "invoice.payment_failed":
      return {
        customerId,
        subscriptionId: v.parent?.subscription_details?.subscription ?? v.subscription ?? null,
        orgIdHint: v.parent?.subscription_details?.metadata?.org_id ?? metaOrg,
      };
    case "entitlements.active_entitlement_summary.updated":
      return { customerId, subscriptionId: null, orgIdHint: null };
    default:
      // customer.subscription.*
      return { customerId, subscriptionId: v.id ?? null, orgIdHint: metaOrg };
  }
}

export async function handleStripeWebhook({
  rawBody,
  signature,
  secret,
  db,
  pool,
  provider,
  now,
}: {
  rawBody: string;
  signature: string | null;
  secret: string;
  db: PrismaClient;
  /** The pool under `db`: deliveries that change nothing settle on it without Prisma. */
  pool?: pg.Pool;
  provider: BillingProvider;
  now: () => Promise<Date>;
}): Promise<WebhookResult> {
  if (!signature) return { status: 400, body: { error: "Missing Stripe-Signature header" } };
  let verified: unknown;
  try {
    verified = Stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
  } catch (err) {
    // Wrong secret, tampered body, stale timestamp, or a signed body that is not JSON.
    const reason = err instanceof Stripe.errors.StripeSignatureVerificationError ? "signature" : "payload";
    logger.warn({ event: "billing.webhook_rejected", reason }, "webhook rejected");
    return { status: 400, body: { error: reason === "signature" ? "Invalid signature" : "Malformed payload" } };
  }
  const parsed = EventSchema.safeParse(verified);
  if (!parsed.success) {
    logger.warn({ event: "billing.webhook_rejected", reason: "shape" }, "webhook rejected: not a Stripe event");
    return { status: 400, body: { error: "Malformed event" } };
  }
  const event = parsed.data;
  if (!handled.has(event.type)) {
    logger.info({ event: "billing.webhook_ignored", type: event.type, eventId: event.id }, "event type not handled");
    return { status: 200, body: { received: true, outcome: "ignored" } };
  }

  try {
    const type = event.type as HandledEventType;
    const hint = hintFromEvent(type, event.data.object);
    let customerId = hint.customerId;
    if (!customerId && hint.subscriptionId) {
      const sub = await provider.retrieveSubscription(hint.subscriptionId);
      customerId = sub ? (typeof sub.customer === "string" ? sub.customer : sub.customer.id) : null;
    }
    if (!customerId) {
      logger.warn({ event: "billing.webhook_no_customer", type, eventId: event.id }, "event names no customer; acknowledged");
      return { status: 200, body: { received: true, outcome: "no_customer" } };
    }
    const outcome: SyncOutcome = await syncCustomerSubscription({
      db,
      pool,
      provider,
      customerId,
      orgIdHint: hint.orgIdHint,
      event: { id: event.id, type, created: event.created },
      now: await now(),
    });
    logger.info({ event: "billing.webhook_processed", type, eventId: event.id, outcome: outcome.kind }, "webhook processed");
    return { status: 200, body: { received: true, outcome: outcome.kind } };
  } catch (err) {
    logger.error({ event: "billing.webhook_failed", type: event.type, eventId: event.id, err }, "webhook processing failed");
    return { status: 500, body: { error: "Processing failed; Stripe will retry" } };
  }
}
