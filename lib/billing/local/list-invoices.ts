// The local provider's invoices of one customer, newest first (Stripe's invoices.list).
import "server-only";
import type Stripe from "stripe";
import type { LocalContext } from "@/lib/billing/local/context";
import type { InvoiceSummary } from "@/lib/billing/provider";
import { toInvoiceSummary } from "@/lib/billing/invoice-summary";

export async function listInvoices(
  ctx: LocalContext,
  { customerId, limit }: { customerId: string | null; limit: number },
): Promise<InvoiceSummary[]> {
  if (!customerId) return [];
  const rows = await ctx.db.localBillingObject.findMany({
    where: { customerId, type: "invoice" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  // The local provider has no hosted invoice page: the list is the receipt.
  return rows.map((row) => ({ ...toInvoiceSummary(row.data as unknown as Stripe.Invoice), url: null }));
}
