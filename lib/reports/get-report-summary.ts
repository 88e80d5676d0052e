// Headline figures and revenue by month over the org's visible history.
import "server-only";
import type { Db } from "@/lib/db/client";
import { countCustomers, selectMonthlyRevenue } from "@/lib/reports/reports-sql";

export type MonthlyRevenue = { month: string; paidCents: number; invoices: number };

export async function getReportSummary({ tx, orgId, since }: { tx: Db; orgId: string; since: Date | null }) {
  const months = await selectMonthlyRevenue({ tx, orgId, since: since ?? new Date(0) });
  const customers = await countCustomers({ tx, orgId });
  const monthly: MonthlyRevenue[] = months.map((m) => ({
    month: m.month.toISOString().slice(0, 7),
    paidCents: m.paidCents,
    invoices: m.invoices,
  }));
  return {
    monthly,
    paidCents: monthly.reduce((sum, m) => sum + m.paidCents, 0),
    openCents: months.reduce((sum, m) => sum + m.openCents, 0),
    invoices: monthly.reduce((sum, m) => sum + m.invoices, 0),
    customers,
  };
}
