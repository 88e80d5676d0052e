// The reports page's data (reports.view): headline figures, the chart and one sorted page of
// the invoice table, all of the same filtered match within the plan's history window. A
// guarded read (app/(app)/reports/reads.ts); the bench's guard figure runs this same body.
// Two statements: the summary (figures, chart, the table's total) and the page.
import "server-only";
import { historyStart } from "@/lib/reports/history-window";
import { listInvoices } from "@/lib/reports/list-invoices";
import { getReportSummary } from "@/lib/reports/get-report-summary";
import type { InvoiceQuery } from "@/lib/reports/schemas";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";

export async function loadReport({ input, ctx, tx, license, role, now }: GuardedBodyArgs<InvoiceQuery, SessionContext>) {
  const since = historyStart({ license, now });
  const match = { orgId: ctx.orgId, filter: input, since };
  const summary = await getReportSummary({ tx, match });
  const table = { ...(await listInvoices({ tx, match, query: input })), total: summary.invoices };
  // The page's hints (load sample data, export) ask can() with the plan and role the guard decided on.
  return { summary, table, since, historyDays: license.limits.reportHistoryDays, plan: license.plan, role };
}
