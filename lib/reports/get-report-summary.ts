// The reports page's figures and chart, of the same filtered set as its table (one statement).
import "server-only";
import type { Db } from "@/lib/db/client";
import { selectReportSummary, type InvoiceMatch } from "@/lib/reports/reports-sql";

export type MonthlyRevenue = { month: string; paidCents: number; invoices: number };

export async function getReportSummary({ tx, match }: { tx: Db; match: InvoiceMatch }) {
  const { totals, monthly, orgHasCustomers } = await selectReportSummary({ tx, match });
  return {
    ...totals,
    monthly: monthly.map((m): MonthlyRevenue => ({
      month: m.month.toISOString().slice(0, 7),
      paidCents: m.paidCents,
      invoices: m.invoices,
    })),
    orgHasCustomers,
  };
}
