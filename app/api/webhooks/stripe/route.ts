// POST /api/webhooks/stripe — verify, dedupe, sync
// The one webhook route for both billing providers (Stripe and local sign identically).
import { db, pool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { now } from "@/lib/clock";
import { getBillingProvider } from "@/lib/billing/provider";
import { handleStripeWebhook } from "@/lib/billing/handle-stripe-webhook";
import { readCappedText } from "@/lib/http/read-capped-body";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Stripe's events are a few KB (a large invoice stays far below this); the cap bounds what
// an anonymous POST can make the process hold before its signature is even checked.
const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export const POST = unguardedRoute("webhooks.stripe", async (request: Request) => {
  // The raw text, byte for byte: the signature covers exactly what Stripe sent.
  const body = await readCappedText(request, { limitBytes: WEBHOOK_BODY_LIMIT_BYTES });
  if (!body.ok) {
    return Response.json({ error: `The request body is larger than ${body.limitBytes} bytes.` }, { status: 413 });
  }
  const result = await handleStripeWebhook({
    rawBody: body.text,
    signature: request.headers.get("stripe-signature"),
    secret: env().STRIPE_WEBHOOK_SECRET,
    db,
    pool,
    provider: await getBillingProvider(),
    now,
  });
  return Response.json(result.body, { status: result.status });
});
