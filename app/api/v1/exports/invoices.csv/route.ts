// GET /api/v1/exports/invoices.csv?q=&status=&from=&to= — the org's invoices with customers as CSV, streamed; step-up protected (exports.csv)
import { guardRoute } from "@/lib/guard/guard-route";
import { ZInvoiceFilterSchema } from "@/lib/reports/schemas";
import { historyStart } from "@/lib/reports/history-window";
import { copyToStream } from "@/lib/exports/copy-stream";
import { invoicesCsvSql } from "@/lib/exports/export-queries";

export const dynamic = "force-dynamic";

// The guard decides (and its transaction commits) first; the rows then stream from
// Postgres outside any transaction, however long the download takes.
export const GET = guardRoute("exports.csv", {
  schema: ZInvoiceFilterSchema,
  body: async function invoicesCsvRoute({ input, ctx, license, now }) {
    return { orgId: ctx.orgId, filter: input, since: historyStart({ license, now }), day: now.toISOString().slice(0, 10) };
  },
  respond: async ({ orgId, filter, since, day }) =>
    new Response(await copyToStream({ label: "api_csv", buildSql: invoicesCsvSql({ orgId, filter, since }) }), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="invoices-${day}.csv"`,
        "cache-control": "no-store",
      },
    }),
});
