"use server";
// Guarded server action behind the "Export invoices (CSV)" button (exports.csv: csv_export
// feature; moderate step-up on Pro, strict on Enterprise).
import { guardedAction } from "@/lib/guard/guarded-action";
import { buildInvoicesCsv, ZInvoicesCsvSchema } from "@/lib/exports/invoices-csv";

export const exportInvoicesCsv = guardedAction("exports.csv", ZInvoicesCsvSchema, async function exportInvoicesCsv({ input, ctx, tx, now }) {
  const { csv, rows } = await buildInvoicesCsv({ tx, orgId: ctx.orgId, limit: input.limit });
  return { filename: `invoices-${now.toISOString().slice(0, 10)}.csv`, csv, rows };
});
