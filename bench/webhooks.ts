// Webhook ingestion benchmark: signed Stripe events POSTed to a running app's
// /api/webhooks/stripe (local billing provider) with autocannon.
//   1. first deliveries: unique events over many customers → sustained events/s;
//   2. the same events again → all duplicates (the dedupe fast path);
//   reports events/s for both and the duplicate/first per-request latency ratio;
//   0. before both, a same-run ceiling: the same POSTs without a Stripe-Signature header,
//      which the route refuses (400) before any verification or query — Next's routing,
//      the proxy, the body read and a JSON answer, on this machine, right now. No event
//      rate can exceed it; it shows how much of an event's cost is ours.
// Setup writes orgs and local-provider customers/subscriptions straight into the app's
// database (same shapes the local provider stores), so nothing here needs the Next server's
// modules. The target is set where the row is built (bench/run.ts).
import crypto from "node:crypto";
import pg from "pg";
import Stripe from "stripe";
import autocannon from "autocannon";
import { buildCustomer, buildSubscription } from "@/lib/billing/local/build-subscription";
import { buildEvent } from "@/lib/billing/local/build-event";
import { stripeId, toUnix } from "@/lib/billing/local/ids";

export type WebhookBenchResult = {
  events: number;
  connections: number;
  customers: number;
  /** Unsigned POSTs to the same route (all answered 400, nothing verified or queried). */
  ceiling: { requestsPerSecond: number; meanLatencyMs: number; p99LatencyMs: number; notRefused: number };
  firstDelivery: { eventsPerSecond: number; meanLatencyMs: number; p99LatencyMs: number; non2xx: number };
  duplicate: { eventsPerSecond: number; meanLatencyMs: number; p99LatencyMs: number; non2xx: number };
  /** Mean duplicate latency ÷ mean first-delivery latency (lower is better). */
  duplicateCostRatio: number;
};

async function seedCustomers({ databaseUrl, customers }: { databaseUrl: string; customers: number }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const subs: Stripe.Subscription[] = [];
  try {
    const run = crypto.randomUUID().slice(0, 8);
    const now = new Date();
    const created = toUnix(now);
    for (let i = 0; i < customers; i++) {
      const orgId = crypto.randomUUID();
      const customerId = stripeId("cus");
      await client.query(`INSERT INTO "Organization" (id, name, slug, personal, "stripeCustomerId") VALUES ($1, $2, $3, false, $4)`, [
        orgId,
        `Bench ${run} ${i}`,
        `bench-${run}-${i}`,
        customerId,
      ]);
      const customer = buildCustomer({ id: customerId, email: `bench-${run}-${i}@bench.example`, name: `Bench ${i}`, orgId, created });
      const sub = buildSubscription({
        id: stripeId("sub"),
        customer: customerId,
        orgId,
        lookupKey: i % 2 ? "pro_monthly" : "enterprise_yearly",
        status: "active",
        quantity: 1,
        created,
        periodStart: created,
        periodEnd: created + 30 * 86400,
        trialStart: null,
        trialEnd: null,
        cancelAtPeriodEnd: false,
        canceledAt: null,
        endedAt: null,
        latestInvoice: null,
        itemId: stripeId("si"),
      });
      for (const obj of [customer, sub]) {
        await client.query(`INSERT INTO "LocalBillingObject" (id, type, "customerId", data, "updatedAt") VALUES ($1, $2, $3, $4, now())`, [
          obj.id,
          obj.object,
          customerId,
          JSON.stringify(obj),
        ]);
      }
      subs.push(sub);
    }
  } finally {
    await client.end();
  }
  return subs;
}

async function blast({
  url,
  bodies,
  connections,
  sign = true,
}: {
  url: string;
  bodies: { payload: string; signature: string }[];
  connections: number;
  sign?: boolean;
}) {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    amount: bodies.length,
    method: "POST",
    // autocannon notices that an `amount` run is done only when it samples (default every
    // 1 s), so the duration was rounded up to whole seconds: 2,980 events could only ever
    // measure 596, 497, 425, … events/s. Every 100 ms keeps that error under 2 %.
    sampleInt: 100,
    requests: [
      {
        setupRequest: (req) => {
          const b = bodies[next++ % bodies.length]!;
          const headers: Record<string, string> = { "content-type": "application/json" };
          if (sign) headers["stripe-signature"] = b.signature;
          return { ...req, method: "POST", headers, body: b.payload };
        },
      },
    ],
  });
  const seconds = Math.max(result.duration, 0.001);
  return {
    eventsPerSecond: Math.round(result["2xx"] / seconds),
    requestsPerSecond: Math.round((result["2xx"] + result.non2xx) / seconds),
    meanLatencyMs: result.latency.mean,
    p99LatencyMs: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
    refused: result["4xx"],
  };
}

export async function benchWebhooks({
  baseUrl,
  secret,
  databaseUrl,
  events = 5000,
  connections = 16,
  customers = 64,
}: {
  baseUrl: string;
  /** The app's STRIPE_WEBHOOK_SECRET. */
  secret: string;
  /** The app's database (to create the customers the events are about). */
  databaseUrl: string;
  events?: number;
  connections?: number;
  customers?: number;
}): Promise<WebhookBenchResult> {
  const subs = await seedCustomers({ databaseUrl, customers });
  const created = toUnix(new Date());
  const bodies = Array.from({ length: events }, (_, i) => {
    const sub = subs[i % subs.length]!;
    const event = buildEvent({ type: "customer.subscription.updated", object: sub, created });
    const payload = JSON.stringify(event);
    return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
  });
  const url = new URL("/api/webhooks/stripe", baseUrl).toString();
  // Warm the route (compilation, pools) with a handful of throwaway events.
  await blast({ url, bodies: bodies.slice(0, 20).map((b) => ({ ...b })), connections: 4 });
  const unsigned = await blast({ url, bodies: bodies.slice(20), connections, sign: false });
  const first = await blast({ url, bodies: bodies.slice(20), connections });
  const duplicate = await blast({ url, bodies: bodies.slice(20), connections });
  const figures = ({ eventsPerSecond, meanLatencyMs, p99LatencyMs, non2xx }: Awaited<ReturnType<typeof blast>>) => ({
    eventsPerSecond,
    meanLatencyMs,
    p99LatencyMs,
    non2xx,
  });
  return {
    events: bodies.length - 20,
    connections,
    customers,
    ceiling: {
      requestsPerSecond: unsigned.requestsPerSecond,
      meanLatencyMs: unsigned.meanLatencyMs,
      p99LatencyMs: unsigned.p99LatencyMs,
      // Every unsigned POST must be refused (400); anything else measured something else.
      notRefused: bodies.length - 20 - unsigned.refused,
    },
    firstDelivery: figures(first),
    duplicate: figures(duplicate),
    duplicateCostRatio: Number((duplicate.meanLatencyMs / first.meanLatencyMs).toFixed(3)),
  };
}
