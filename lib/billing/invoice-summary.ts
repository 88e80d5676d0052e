// A Stripe invoice (real or the local provider's) as the billing page lists it: both
// providers speak Stripe's object, so one mapper serves both.
import type Stripe from "stripe";
import type { InvoiceSummary } from "@/lib/billing/provider";

export function toInvoiceSummary(invoice: Stripe.Invoice): InvoiceSummary {
  const lines = invoice.lines?.data ?? [];
  const description =
    lines.length === 1
      ? (lines[0]!.description ?? "Subscription")
      : lines.some((l) => l.amount < 0)
        ? "Plan change (prorated)"
        : "Subscription";
  return {
    id: invoice.id ?? "",
    number: invoice.number ?? null,
    created: invoice.created,
    description,
    total: invoice.total,
    amountDue: invoice.amount_due,
    currency: invoice.currency ?? "usd",
    status: invoice.status ?? "draft",
    url: invoice.hosted_invoice_url ?? null,
  };
}
