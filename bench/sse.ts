// License change → open browser, end to end: a signed-in SSE connection to
// GET /api/license/events, then a plan change made the way the product makes one — the
// local billing provider (the same code as the local portal and `npm run billing -- change`)
// commits the new subscription and delivers its signed Stripe events over HTTP to
// POST /api/webhooks/stripe, whose sync applies the plan and NOTIFYs; the server's LISTEN
// connection fans it out to the stream. Timed from the provider call to the arrival of the
// `license` event carrying the new plan. Baseline in the same run: a bare
// `select pg_notify('license_changed', orgId)` → the same event (the fan-out alone).
import { db } from "@/lib/db/client";
import { createLocalProvider } from "@/lib/billing/local/provider";
import { LICENSE_CHANGED_CHANNEL } from "@/lib/licensing/licensing-sql";
import type { PriceLookupKey } from "@/lib/licensing/policy";
import { createBenchAccount, openBenchSession } from "./lib/accounts";
import { openSse, type SseEvent } from "./lib/sse-client";
import { summarize, type Summary } from "./lib/stats";

export type SseResult = { iterations: number; planChange: Summary; notifyOnly: Summary; ratioP50: number };

const planOf = (e: SseEvent) => (e.event === "license" ? (JSON.parse(e.data) as { plan: string }).plan : null);
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchSse({
  baseUrl,
  secret,
  webhookSecret,
  warmup,
  iterations,
}: {
  baseUrl: string;
  secret: string;
  webhookSecret: string;
  warmup: number;
  iterations: number;
}): Promise<SseResult> {
  const account = await createBenchAccount({ label: "sse", plan: "pro" });
  const { cookie } = await openBenchSession({ account, secret });
  const stream = await openSse(`${baseUrl}/api/license/events`, cookie);
  const provider = createLocalProvider({ db, webhookSecret, appUrl: baseUrl });
  const org = await db.organization.findUniqueOrThrow({ where: { id: account.orgId }, select: { stripeCustomerId: true } });
  const subscription = await provider.currentSubscription(org.stripeCustomerId);
  if (!subscription) throw new Error("bench org has no subscription");

  try {
    const planChange: number[] = [];
    let current: { key: PriceLookupKey; plan: string } = { key: "pro_monthly", plan: "pro" };
    for (let i = 0; i < warmup + iterations; i++) {
      const target: typeof current =
        current.plan === "pro" ? { key: "enterprise_monthly", plan: "enterprise" } : { key: "pro_monthly", plan: "pro" };
      const arrived = stream.next((e) => planOf(e) === target.plan, 15_000);
      const started = performance.now();
      const [event] = await Promise.all([arrived, provider.changePlan({ subscriptionId: subscription.id, lookupKey: target.key })]);
      if (i >= warmup) planChange.push(event.at - started);
      current = target;
      await settle(50); // let the change's later events (same plan) pass before the next one
    }

    const notifyOnly: number[] = [];
    for (let i = 0; i < warmup + iterations; i++) {
      const arrived = stream.next((e) => e.event === "license", 15_000);
      const started = performance.now();
      await db.$executeRaw`SELECT pg_notify(${LICENSE_CHANGED_CHANNEL}, ${account.orgId})`;
      const event = await arrived;
      if (i >= warmup) notifyOnly.push(event.at - started);
    }
    const full = summarize(planChange);
    const bare = summarize(notifyOnly);
    return { iterations, planChange: full, notifyOnly: bare, ratioP50: full.median / bare.median };
  } finally {
    stream.close();
  }
}
