// GET /api/v1/exports/invoices.csv?q=&status=&from=&to= — the org's invoices with customers as CSV, streamed; step-up protected (exports.csv), capped per user and org
import { guardRoute } from "@/lib/guard/guard-route";
import { refuseFromBody } from "@/lib/guard/run-guarded";
import { ZInvoiceFilterSchema } from "@/lib/reports/schemas";
import { historyStart } from "@/lib/reports/history-window";
import { copyToStream } from "@/lib/exports/copy-stream";
import { acquireExportLease } from "@/lib/exports/export-leases";
import { invoicesCsvCopy } from "@/lib/exports/exports-sql";

export const dynamic = "force-dynamic";

// The guard decides (and its transaction commits, with the export's lease: past the caps
// the request is refused 429) first; the rows then stream from Postgres outside any
// transaction, on the exports' own pool, however long the download takes.
export const GET = guardRoute("exports.csv", {
  schema: ZInvoiceFilterSchema,
  body: async function invoicesCsvRoute({ input, ctx, tx, license, now }) {
    const admitted = await acquireExportLease({ tx, userId: ctx.userId, orgId: ctx.orgId, kind: "api_csv" });
    if (!admitted.ok) refuseFromBody(admitted.refusal);
    return {
      orgId: ctx.orgId,
      filter: input,
      since: historyStart({ license, now }),
      day: now.toISOString().slice(0, 10),
      lease: admitted.lease,
    };
  },
  // copyToStream ends the lease however the stream ends, or fails to start.
  respond: async ({ orgId, filter, since, day, lease }) =>
    new Response(await copyToStream({ label: "api_csv", lease, buildSql: invoicesCsvCopy({ orgId, filter, since }) }), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="invoices-${day}.csv"`,
        "cache-control": "no-store",
      },
    }),
});
