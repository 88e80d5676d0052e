// The org's latest invoices from its billing provider, for the billing page (owners: the page
// calls this only after its guarded read allowed billing.view).
import "server-only";
import { db } from "@/lib/db/client";
import { getBillingProvider, type InvoiceSummary } from "@/lib/billing/provider";
import { logger } from "@/lib/log";

export const INVOICE_LIST_LIMIT = 12;

export async function listInvoices({ orgId }: { orgId: string }): Promise<InvoiceSummary[] | null> {
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { id: true, name: true, stripeCustomerId: true } });
  try {
    return await (await getBillingProvider()).listInvoices({ org, limit: INVOICE_LIST_LIMIT });
  } catch (err) {
    // The page still shows the plan when the provider is unreachable; null says the list is missing (not empty).
    logger.error({ event: "billing.invoices_unavailable", orgId, err }, "could not list invoices");
    return null;
  }
}
