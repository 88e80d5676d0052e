// The local portal is a page of the app (/billing/portal), not a hosted session: opening it
// needs only a billing account to manage.
import "server-only";
import type { BillingOrg } from "@/lib/billing/provider";
import type { LocalContext } from "@/lib/billing/local/context";
import { LocalBillingError } from "@/lib/billing/local/errors";

export async function createPortal(ctx: LocalContext, { org }: { org: BillingOrg }): Promise<{ url: string }> {
  if (!org.stripeCustomerId) throw new LocalBillingError("This organisation has no billing account yet.");
  return { url: ctx.url("/billing/portal") };
}
