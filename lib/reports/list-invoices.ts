// One page of the invoice table. Server-side pagination over an index per sort key (see
// reports-sql.ts). The total is not counted here: the page's summary statement already
// scans the whole match for its figures, and its invoice count is the table's exact total.
import "server-only";
import type { Db } from "@/lib/db/client";
import { selectInvoicePage, type InvoiceMatch } from "@/lib/reports/reports-sql";
import type { InvoiceQuery } from "@/lib/reports/schemas";

export type { InvoiceRow } from "@/lib/reports/reports-sql";

export async function listInvoices({ tx, match, query }: { tx: Db; match: InvoiceMatch; query: InvoiceQuery }) {
  const rows = await selectInvoicePage({
    tx,
    match,
    sort: query.sort,
    dir: query.dir,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { rows, page: query.page, pageSize: query.pageSize };
}
