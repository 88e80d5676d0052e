// The reports page's data (reports.view): headline figures and one sorted page of the invoice
// table, within the plan's history window. A guarded read (app/(app)/reports/reads.ts); the
// bench's guard figure runs this same body.
import "server-only";
import { historyStart } from "@/lib/reports/history-window";
import { listInvoices } from "@/lib/reports/list-invoices";
import { getReportSummary } from "@/lib/reports/get-report-summary";
import type { InvoiceQuery } from "@/lib/reports/schemas";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";

export async function loadReport({ input, ctx, tx, license, role, now }: GuardedBodyArgs<InvoiceQuery, SessionContext>) {
  const since = historyStart({ license, now });
  const [summary, table] = await Promise.all([
    getReportSummary({ tx, orgId: ctx.orgId, since }),
    listInvoices({ tx, orgId: ctx.orgId, query: input, since }),
  ]);
  // The page's hints (load sample data, export) ask can() with the plan and role the guard decided on.
  return { summary, table, since, historyDays: license.limits.reportHistoryDays, plan: license.plan, role };
}
