// An owner's plan change from the billing page: first the price (the provider's own quote:
// new price, proration, what is due now, when it takes effect), then the change at that
// quote's proration date. Both are after-commit hooks of guarded actions
// (app/(app)/billing/actions.ts): the provider is never called inside the guard's
// transaction, and the org is the session's, never the browser's.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { ok, refuse, type ActionResult } from "@/lib/action-result";
import type { CurrentSession } from "@/lib/auth/load-session";
import { getBillingProvider, PlanChangeRefused, type PlanChangePreview } from "@/lib/billing/provider";
import { LocalBillingError, LocalDeliveryError } from "@/lib/billing/local/errors";
import { ZLookupKeySchema } from "@/lib/billing/billing-requests";
import { logger } from "@/lib/log";

/**
 * How long a quote may be confirmed. The proration date is the browser's to send back, so it
 * is bounded here: an older one would prorate against a moment the owner did not see (a
 * backdated downgrade earns a larger credit), a future one is refused by the providers too.
 * Provider timestamps are real time (Stripe's clock), so the bound is too.
 */
export const PLAN_QUOTE_TTL_SECONDS = 15 * 60;

export const ZPlanChangePreviewSchema = z.object({ lookupKey: ZLookupKeySchema }).strict();
export const ZPlanChangeSchema = z
  .object({
    lookupKey: ZLookupKeySchema,
    prorationDate: z.number({ error: "Review the price of the change first." }).int("Review the price of the change first.").positive(),
  })
  .strict();

const expired = () =>
  refuse({
    kind: "invalid",
    fields: { prorationDate: "That price quote has expired. Review the change again." },
    message: "That price quote has expired. Review the change again.",
  } as const);

async function billingOrg(orgId: string) {
  return db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { id: true, name: true, stripeCustomerId: true } });
}

function refusedChange(err: unknown) {
  if (err instanceof PlanChangeRefused || err instanceof LocalBillingError) {
    return refuse({ kind: "invalid", fields: {}, message: err.message } as const);
  }
  if (err instanceof LocalDeliveryError) {
    logger.error({ event: "billing.local_delivery_failed", eventIds: err.eventIds, err }, "local provider could not deliver events");
    return refuse({ kind: "error", message: "The change was made but is taking a moment to show. Reload the page in a minute." } as const);
  }
  throw err;
}

export async function previewPlanChange({
  session,
  data,
}: {
  session: CurrentSession;
  data: z.output<typeof ZPlanChangePreviewSchema>;
}): Promise<ActionResult<PlanChangePreview>> {
  const provider = await getBillingProvider();
  try {
    return ok(await provider.previewPlanChange({ org: await billingOrg(session.org.id), lookupKey: data.lookupKey }));
  } catch (err) {
    return refusedChange(err);
  }
}

export async function changePlan({
  session,
  data,
}: {
  session: CurrentSession;
  data: z.output<typeof ZPlanChangeSchema>;
}): Promise<ActionResult<{ status: string }>> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (data.prorationDate > nowSeconds + 5 || data.prorationDate < nowSeconds - PLAN_QUOTE_TTL_SECONDS) return expired();
  const provider = await getBillingProvider();
  try {
    const result = await provider.changeSubscriptionPlan({ org: await billingOrg(session.org.id), ...data });
    logger.info({ event: "billing.plan_changed", orgId: session.org.id, lookupKey: data.lookupKey }, "plan changed by owner");
    return ok(result);
  } catch (err) {
    return refusedChange(err);
  }
}
