// Webhook ingestion benchmark: signed Stripe events POSTed to a running app's
// /api/webhooks/stripe (local billing provider) with autocannon.
//   1. first deliveries: unique events over many customers → sustained events/s;
//   2. the same events again → all duplicates (the dedupe fast path);
//   reports events/s for both and the duplicate/first per-request latency ratio.
// Setup writes orgs and local-provider customers/subscriptions straight into the app's
// database (same shapes the local provider stores), so nothing here needs the Next server's
// modules. Target: ≥ 500 events/s on 2 cores.
import crypto from "node:crypto";
import pg from "pg";
import Stripe from "stripe";
import autocannon from "autocannon";
import { buildCustomer, buildEvent, buildSubscription, stripeId, toUnix } from "@/lib/billing/local/objects";

export type WebhookBenchResult = {
  events: number;
  connections: number;
  customers: number;
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

async function blast({ url, bodies, connections }: { url: string; bodies: { payload: string; signature: string }[]; connections: number }) {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    amount: bodies.length,
    method: "POST",
    requests: [
      {
        setupRequest: (req) => {
          const b = bodies[next++ % bodies.length]!;
          return { ...req, method: "POST", headers: { "content-type": "application/json", "stripe-signature": b.signature }, body: b.payload };
        },
      },
    ],
  });
  const seconds = Math.max(result.duration, 0.001);
  return {
    eventsPerSecond: Math.round(result["2xx"] / seconds),
    meanLatencyMs: result.latency.mean,
    p99LatencyMs: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
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
  const first = await blast({ url, bodies: bodies.slice(20), connections });
  const duplicate = await blast({ url, bodies: bodies.slice(20), connections });
  return {
    events: bodies.length - 20,
    connections,
    customers,
    firstDelivery: first,
    duplicate,
    duplicateCostRatio: Number((duplicate.meanLatencyMs / first.meanLatencyMs).toFixed(3)),
  };
}
