// Headline figures and revenue by month over the org's visible history, in one query.
import "server-only";
import type { Db } from "@/lib/db/client";

export type MonthlyRevenue = { month: string; paidCents: number; invoices: number };

export async function getReportSummary({ tx, orgId, since }: { tx: Db; orgId: string; since: Date | null }) {
  const sinceClause = since ?? new Date(0);
  const months = await tx.$queryRaw<{ month: Date; paid: bigint | null; open: bigint | null; invoices: bigint }[]>`
    select date_trunc('month', "issuedAt") as month,
           sum("amountCents") filter (where status = 'paid') as paid,
           sum("amountCents") filter (where status = 'open') as open,
           count(*) as invoices
    from "Invoice"
    where "orgId" = ${orgId}::uuid and "issuedAt" >= ${sinceClause}
    group by 1 order by 1`;
  const [customers] = await tx.$queryRaw<{ n: bigint }[]>`select count(*) as n from "Customer" where "orgId" = ${orgId}::uuid`;
  const monthly: MonthlyRevenue[] = months.map((m) => ({
    month: m.month.toISOString().slice(0, 7),
    paidCents: Number(m.paid ?? 0),
    invoices: Number(m.invoices),
  }));
  return {
    monthly,
    paidCents: monthly.reduce((sum, m) => sum + m.paidCents, 0),
    openCents: months.reduce((sum, m) => sum + Number(m.open ?? 0), 0),
    invoices: monthly.reduce((sum, m) => sum + m.invoices, 0),
    customers: Number(customers?.n ?? 0),
  };
}
