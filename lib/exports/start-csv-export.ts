// Reports → "Export CSV" (exports.csv): counts the rows and issues a single-use download
// ticket bound to this session (/api/exports/download streams it). API clients export through
// /api/v1/exports instead. The bench's guard figure runs this same body.
import "server-only";
import { historyStart } from "@/lib/reports/history-window";
import { countMatchingInvoices } from "@/lib/reports/reports-sql";
import { issueExportTicket } from "@/lib/exports/export-tickets";
import type { InvoiceFilter } from "@/lib/reports/schemas";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";

export async function startCsvExport({ input, ctx, tx, license, now }: GuardedBodyArgs<InvoiceFilter, SessionContext>) {
  const since = historyStart({ license, now });
  const rows = await countMatchingInvoices({ tx, match: { orgId: ctx.orgId, filter: input, since } });
  const ticket = await issueExportTicket({
    tx,
    kind: "csv",
    sessionId: ctx.sid,
    userId: ctx.userId,
    orgId: ctx.orgId,
    filters: input,
    now,
  });
  return { url: `/api/exports/download?ticket=${ticket}`, rows };
}
