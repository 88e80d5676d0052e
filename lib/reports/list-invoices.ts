// One page of the invoice table. Server-side pagination over an index per sort key (see
// reports-sql.ts); the total is counted up to a cap so a page of a very large org never
// pays for counting all of it.
import "server-only";
import type { Db } from "@/lib/db/client";
import { countInvoicesUpTo, selectInvoicePage } from "@/lib/reports/reports-sql";
import type { InvoiceQuery } from "@/lib/reports/schemas";

export type { InvoiceRow } from "@/lib/reports/reports-sql";

export const COUNT_CAP = 10_000;

export async function listInvoices({ tx, orgId, query, since }: { tx: Db; orgId: string; query: InvoiceQuery; since: Date | null }) {
  const match = { orgId, filter: query, since };
  const [rows, total] = await Promise.all([
    selectInvoicePage({ tx, match, sort: query.sort, dir: query.dir, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    countInvoicesUpTo({ tx, match, cap: COUNT_CAP }),
  ]);
  return {
    rows,
    total: Math.min(total, COUNT_CAP),
    totalIsCapped: total > COUNT_CAP,
    page: query.page,
    pageSize: query.pageSize,
  };
}
