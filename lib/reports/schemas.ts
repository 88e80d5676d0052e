// Report and export filters, validated against allow-lists at the boundary: nothing from
// the URL reaches SQL except through these enums and bound/escaped values.
import { z } from "zod";
import { DATES_OUT_OF_ORDER, datesOutOfOrder } from "@/lib/reports/date-range";

export const INVOICE_SORTS = ["issuedAt", "amount", "number"] as const;
export const INVOICE_STATUSES = ["paid", "open", "void"] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];

const isoDate = z.iso.date({ error: "Use a date like 2026-01-31." });

const filterFields = z.object({
  q: z
    .string()
    .trim()
    .max(100, "Search for at most 100 characters.")
    .transform((v) => v || undefined)
    .optional(),
  status: z.enum(INVOICE_STATUSES, { error: "Unknown status." }).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
});

/**
 * A range that ends before it starts is refused (the field error is on `to`), never read as
 * "nothing matches": the person swapped the dates, and an empty report would hide that.
 */
function datesInOrder(v: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (datesOutOfOrder(v)) ctx.addIssue({ code: "custom", path: ["to"], message: DATES_OUT_OF_ORDER });
}

/** Shared by the table, the CSV export and the export API: the same filter means the same rows. */
export const ZInvoiceFilterSchema = filterFields.superRefine(datesInOrder);
export type InvoiceFilter = z.output<typeof ZInvoiceFilterSchema>;

// Unknown sort keys fall back to the default rather than erroring: URLs get hand-edited,
// and a wrong sort is harmless. A page size of 10⁹ is clamped to the largest allowed.
// (Zod refuses to extend a refined object: the fields are extended and the rule applied again.)
export const ZInvoiceQuerySchema = filterFields
  .extend({
    sort: z.enum(INVOICE_SORTS).catch("issuedAt").default("issuedAt"),
    dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
    pageSize: z.coerce
      .number()
      .catch(25)
      .default(25)
      .transform((n) => PAGE_SIZES.reduce((best, size) => (size <= Math.max(n, PAGE_SIZES[0]) ? size : best), PAGE_SIZES[0] as number)),
  })
  .superRefine(datesInOrder);
export type InvoiceQuery = z.output<typeof ZInvoiceQuerySchema>;
