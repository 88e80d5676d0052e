// Shared by the billing integration tests: a local provider over the test database whose
// deliveries are captured (not POSTed), signed Stripe events built from Stripe's fixtures,
// and a direct call into the webhook route's POST.
import Stripe from "stripe";
import { db } from "@/lib/db/client";
import { createLocalProvider } from "@/lib/billing/local/provider";
import { signEvent, type SignedDelivery } from "@/lib/billing/local/delivery";
import { setBillingProviderForTests } from "@/lib/billing/provider";
import { POST } from "@/app/api/webhooks/stripe/route";
import { createUserWithOrg } from "@/tests/helpers/factories";
import { lookupKeyFor, type PlanId } from "@/lib/licensing/policy";
import eventFixture from "@/tests/fixtures/stripe/event.json";

export const SECRET = process.env.STRIPE_WEBHOOK_SECRET!;

export function setupCapturingProvider() {
  const captured: SignedDelivery[] = [];
  const provider = createLocalProvider({
    db,
    webhookSecret: SECRET,
    appUrl: "http://localhost:3000",
    deliver: async (d) => {
      captured.push(d);
    },
  });
  setBillingProviderForTests(provider);
  return { provider, captured, take: () => captured.splice(0, captured.length) };
}

export async function postWebhook(payload: string, signature: string | null) {
  const headers = new Headers({ "content-type": "application/json" });
  if (signature !== null) headers.set("stripe-signature", signature);
  const res = await POST(new Request("http://localhost:3000/api/webhooks/stripe", { method: "POST", headers, body: payload }));
  return { status: res.status, body: (await res.json()) as { outcome?: string; error?: string } };
}

/** Delivers a stored event again, freshly signed (what Stripe's retries look like). */
export async function redeliver(event: Stripe.Event) {
  const { payload, signature } = signEvent(event, SECRET);
  return postWebhook(payload, signature);
}

/** A Stripe `event` envelope from the fixture around `object`, signed. */
export function fixtureEvent({ id, type, object, timestamp }: { id: string; type: string; object: object; timestamp?: number }) {
  const event = {
    ...structuredClone(eventFixture),
    id,
    type,
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  };
  return signEvent(event as unknown as Stripe.Event, SECRET, timestamp);
}

/** A fresh org subscribed through the local provider (events captured, not yet delivered). */
export async function subscribedOrg({
  provider,
  plan = "pro",
  trialDays = 0,
}: {
  provider: ReturnType<typeof setupCapturingProvider>["provider"];
  plan?: Exclude<PlanId, "free">;
  trialDays?: number;
}) {
  const { user, org } = await createUserWithOrg({ plan: "free" });
  const result = await provider.subscribe({
    org: { id: org.id, name: org.name, stripeCustomerId: null },
    user: { id: user.id, email: user.email, name: user.name },
    lookupKey: lookupKeyFor(plan, "month"),
    trialDays,
  });
  return { user, org, subscription: result.subscription, events: result.events, customerId: result.subscription.customer as string };
}

export async function subscriptionRow(orgId: string) {
  return db.subscription.findUnique({ where: { orgId } });
}

/** Deterministic PRNG (mulberry32) so a failing shuffle can be reproduced from its seed. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
