// `npm run stripe:setup`: creates or updates tiergate's products, prices (by lookup key) and
// Stripe Entitlements features in the Stripe account of STRIPE_SECRET_KEY, from the policy
// file. Idempotent: run it after every change to plans or prices in lib/licensing/policy.ts.
import { loadEnvFiles } from "./lib/local-env";
import { createStripeClient } from "@/lib/billing/stripe-provider";
import { reconcileStripeCatalog } from "@/lib/billing/stripe-catalog";

async function main() {
  loadEnvFiles();
  const key = process.env.STRIPE_SECRET_KEY;
  if (!key || !/^(sk|rk)_(test|live)_/.test(key)) {
    throw new Error("STRIPE_SECRET_KEY is not set (or not a Stripe secret key). Put your test key in .env.local and run again.");
  }
  if (key.includes("_live_") && process.env.TIERGATE_ALLOW_LIVE !== "1") {
    throw new Error("Refusing to change a live Stripe account without TIERGATE_ALLOW_LIVE=1.");
  }
  await reconcileStripeCatalog({ stripe: createStripeClient(key), log: (line) => process.stdout.write(`[stripe:setup] ${line}\n`) });
  process.stdout.write(
    "[stripe:setup] done. Point a webhook at /api/webhooks/stripe (or: stripe listen --forward-to localhost:3000/api/webhooks/stripe).\n",
  );
}

main().catch((err) => {
  process.stderr.write(`[stripe:setup] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
