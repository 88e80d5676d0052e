// The report statements (see lib/db/README.md). Every invoice query (the table, the figures
// and chart above it, the CSV export and its count) selects from matchingInvoicesSql, so the
// figures you read are of the rows you see and the rows you export. Filters and sort are conditions on parameters: Postgres plans each
// statement with its values, so an absent filter (NULL) or an unchosen sort key folds away
// before planning and the page is read from the index of its sort key ((orgId, issuedAt |
// amountCents | number)).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { col, mapRows, onlyRow, type RawRow } from "@/lib/db/row";
import type { InvoiceFilter, InvoiceSort } from "@/lib/reports/schemas";

export type InvoiceMatch = { orgId: string; filter: InvoiceFilter; since: Date | null };

/** `%q%` for ILIKE, with the pattern characters of q escaped; null when there is no search. */
const likeOf = (q: string | undefined) => (q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null);

/**
 * The org's invoices under a filter and history window, with their customer's columns:
 * id, number, "issuedAt", status, "amountCents", currency, "paidAt", customer_id, customer_name,
 * customer_email, customer_phone, company, country.
 *
 * A LEFT JOIN although every invoice has its customer (NOT NULL FK, ON DELETE CASCADE): the
 * rows are the same as an inner join's, and a statement that reads no customer column and
 * has no search (the summary without q) lets Postgres drop the join to the unique c.id.
 */
export function matchingInvoicesSql({ orgId, filter, since }: InvoiceMatch): Prisma.Sql {
  const like = likeOf(filter.q);
  return Prisma.sql`
    SELECT i.id, i.number, i."issuedAt", i.status, i."amountCents", i.currency, i."paidAt", i."customerId" AS customer_id,
           c.name AS customer_name, c.email AS customer_email, c.phone AS customer_phone, c.company, c.country
      FROM "Invoice" i
      LEFT JOIN "Customer" c ON c.id = i."customerId"
     WHERE i."orgId" = ${orgId}::uuid
       AND (${since}::timestamp(3) IS NULL OR i."issuedAt" >= ${since}::timestamp(3))
       AND (${filter.status ?? null}::text IS NULL OR i.status = ${filter.status ?? null}::text)
       AND (${filter.from ?? null}::date IS NULL OR i."issuedAt" >= ${filter.from ?? null}::date)
       AND (${filter.to ?? null}::date IS NULL OR i."issuedAt" < (${filter.to ?? null}::date + 1))
       AND (${like}::text IS NULL
            OR i.number ILIKE ${like}::text OR c.name ILIKE ${like}::text
            OR c.email ILIKE ${like}::text OR c.company ILIKE ${like}::text)`;
}

export type InvoiceRow = {
  id: string;
  number: string;
  issuedAt: Date;
  status: string;
  amountCents: number;
  currency: string;
  customerName: string;
  customerEmail: string;
  company: string;
  country: string;
};

const toInvoiceRow = (r: RawRow): InvoiceRow => ({
  id: col.bigint(r, "id").toString(),
  number: col.text(r, "number"),
  issuedAt: col.date(r, "issuedAt"),
  status: col.text(r, "status"),
  amountCents: col.int(r, "amountCents"),
  currency: col.text(r, "currency"),
  customerName: col.text(r, "customer_name"),
  customerEmail: col.text(r, "customer_email"),
  company: col.text(r, "company"),
  country: col.text(r, "country"),
});

/** One page in the chosen order; ties on date or amount break on id, in the same direction. */
export async function selectInvoicePage({
  tx,
  match,
  sort,
  dir,
  limit,
  offset,
}: {
  tx: Db;
  match: InvoiceMatch;
  sort: InvoiceSort;
  dir: "asc" | "desc";
  limit: number;
  offset: number;
}): Promise<InvoiceRow[]> {
  const rows = await tx.$queryRaw`
    SELECT m.* FROM (${matchingInvoicesSql(match)}) m
     ORDER BY CASE WHEN ${sort}::text = 'issuedAt' AND ${dir}::text = 'asc' THEN m."issuedAt" END ASC,
              CASE WHEN ${sort}::text = 'issuedAt' AND ${dir}::text = 'desc' THEN m."issuedAt" END DESC,
              CASE WHEN ${sort}::text = 'amount' AND ${dir}::text = 'asc' THEN m."amountCents" END ASC,
              CASE WHEN ${sort}::text = 'amount' AND ${dir}::text = 'desc' THEN m."amountCents" END DESC,
              CASE WHEN ${sort}::text = 'number' AND ${dir}::text = 'asc' THEN m.number END ASC,
              CASE WHEN ${sort}::text = 'number' AND ${dir}::text = 'desc' THEN m.number END DESC,
              CASE WHEN ${sort}::text <> 'number' AND ${dir}::text = 'asc' THEN m.id END ASC,
              CASE WHEN ${sort}::text <> 'number' AND ${dir}::text = 'desc' THEN m.id END DESC
     LIMIT ${limit} OFFSET ${offset}`;
  return mapRows(rows, toInvoiceRow);
}

/** How many invoices match (what a CSV export of the same match will contain). */
export async function countMatchingInvoices({ tx, match }: { tx: Db; match: InvoiceMatch }): Promise<number> {
  const rows = await tx.$queryRaw`SELECT count(*) AS n FROM (${matchingInvoicesSql(match)}) m`;
  return onlyRow(rows, (r) => col.int(r, "n"));
}

export type MonthRevenue = { month: Date; paidCents: number; openCents: number; invoices: number };
export type ReportTotals = { paidCents: number; openCents: number; invoices: number; customers: number };
export type ReportSummaryRows = { totals: ReportTotals; monthly: MonthRevenue[]; orgHasCustomers: boolean };

/**
 * The figures and the chart of one match, in one statement: a row per calendar month (UTC)
 * issued, oldest first, plus the grand total (the empty grouping set, present even when
 * nothing matches) with the distinct customers, which cannot be added up from the months.
 * Whether the org has any customer at all rides along, so the page can tell "no data yet"
 * from "nothing matches" without another round trip. This is the reports page's one scan of
 * the matching set; the table's exact total is its count.
 */
export async function selectReportSummary({ tx, match }: { tx: Db; match: InvoiceMatch }): Promise<ReportSummaryRows> {
  const rows = await tx.$queryRaw`
    SELECT GROUPING(date_trunc('month', m."issuedAt")) AS is_total,
           date_trunc('month', m."issuedAt") AS month,
           sum(m."amountCents") FILTER (WHERE m.status = 'paid') AS paid_cents,
           sum(m."amountCents") FILTER (WHERE m.status = 'open') AS open_cents,
           count(*) AS invoices,
           count(DISTINCT m.customer_id) AS customers,
           EXISTS (SELECT 1 FROM "Customer" WHERE "orgId" = ${match.orgId}::uuid) AS org_has_customers
      FROM (${matchingInvoicesSql(match)}) m
     GROUP BY GROUPING SETS ((), (date_trunc('month', m."issuedAt")))
     ORDER BY is_total DESC, month`;
  const all = mapRows(rows, (r) => ({
    isTotal: col.int(r, "is_total") === 1,
    month: col.dateOrNull(r, "month"),
    paidCents: col.intOrNull(r, "paid_cents") ?? 0,
    openCents: col.intOrNull(r, "open_cents") ?? 0,
    invoices: col.int(r, "invoices"),
    customers: col.int(r, "customers"),
    orgHasCustomers: col.bool(r, "org_has_customers"),
  }));
  const total = all.find((r) => r.isTotal);
  if (!total) throw new Error("selectReportSummary: the grand-total row is missing");
  return {
    totals: { paidCents: total.paidCents, openCents: total.openCents, invoices: total.invoices, customers: total.customers },
    monthly: all
      .filter((r) => !r.isTotal && r.month)
      .map((r) => ({ month: r.month!, paidCents: r.paidCents, openCents: r.openCents, invoices: r.invoices })),
    orgHasCustomers: total.orgHasCustomers,
  };
}
