// POST /api/webhooks/stripe — verify, dedupe, sync
// The one webhook route for both billing providers (Stripe and local sign identically).
import { db, pool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { now } from "@/lib/clock";
import { getBillingProvider } from "@/lib/billing/provider";
import { handleStripeWebhook } from "@/lib/billing/handle-stripe-webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  // The raw text, byte for byte: the signature covers exactly what Stripe sent.
  const rawBody = await request.text();
  const result = await handleStripeWebhook({
    rawBody,
    signature: request.headers.get("stripe-signature"),
    secret: env().STRIPE_WEBHOOK_SECRET,
    db,
    pool,
    provider: await getBillingProvider(),
    now,
  });
  return Response.json(result.body, { status: result.status });
}
