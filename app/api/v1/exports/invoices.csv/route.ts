// GET /api/v1/exports/invoices.csv?limit=N — the org's invoices with customers as CSV; step-up protected (exports.csv)
import { guardRoute } from "@/lib/guard/guard-route";
import { buildInvoicesCsv, ZInvoicesCsvSchema } from "@/lib/exports/invoices-csv";

export const dynamic = "force-dynamic";

export const GET = guardRoute("exports.csv", {
  schema: ZInvoicesCsvSchema,
  body: async function invoicesCsvRoute({ input, ctx, tx }) {
    return buildInvoicesCsv({ tx, orgId: ctx.orgId, limit: input.limit });
  },
  respond: ({ csv, rows }) =>
    new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="invoices.csv"',
        "cache-control": "no-store",
        "x-row-count": String(rows),
      },
    }),
});
