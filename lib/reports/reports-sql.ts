// The report statements (see lib/db/README.md). Every invoice query (the table, its count,
// the CSV export and its count) selects from matchingInvoicesSql, so the rows you see are
// the rows you export. Filters and sort are conditions on parameters: Postgres plans each
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
 * id, number, "issuedAt", status, "amountCents", currency, "paidAt", customer_name,
 * customer_email, customer_phone, company, country.
 */
export function matchingInvoicesSql({ orgId, filter, since }: InvoiceMatch): Prisma.Sql {
  const like = likeOf(filter.q);
  return Prisma.sql`
    SELECT i.id, i.number, i."issuedAt", i.status, i."amountCents", i.currency, i."paidAt",
           c.name AS customer_name, c.email AS customer_email, c.phone AS customer_phone, c.company, c.country
      FROM "Invoice" i
      JOIN "Customer" c ON c.id = i."customerId"
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

/** How many invoices match, counting no further than `cap` + 1 (a huge org never pays for counting them all). */
export async function countInvoicesUpTo({ tx, match, cap }: { tx: Db; match: InvoiceMatch; cap: number }): Promise<number> {
  const rows = await tx.$queryRaw`
    SELECT count(*) AS n FROM (SELECT 1 FROM (${matchingInvoicesSql(match)}) m LIMIT ${cap + 1}) capped`;
  return onlyRow(rows, (r) => col.int(r, "n"));
}

/** How many invoices match (what a CSV export of the same match will contain). */
export async function countMatchingInvoices({ tx, match }: { tx: Db; match: InvoiceMatch }): Promise<number> {
  const rows = await tx.$queryRaw`SELECT count(*) AS n FROM (${matchingInvoicesSql(match)}) m`;
  return onlyRow(rows, (r) => col.int(r, "n"));
}

export type MonthRevenue = { month: Date; paidCents: number; openCents: number; invoices: number };

/** Revenue by calendar month (UTC) of the org's invoices issued since `since`, oldest first. */
export async function selectMonthlyRevenue({ tx, orgId, since }: { tx: Db; orgId: string; since: Date }): Promise<MonthRevenue[]> {
  const rows = await tx.$queryRaw`
    SELECT date_trunc('month', "issuedAt") AS month,
           sum("amountCents") FILTER (WHERE status = 'paid') AS paid_cents,
           sum("amountCents") FILTER (WHERE status = 'open') AS open_cents,
           count(*) AS invoices
      FROM "Invoice"
     WHERE "orgId" = ${orgId}::uuid AND "issuedAt" >= ${since}
     GROUP BY 1
     ORDER BY 1`;
  return mapRows(rows, (r) => ({
    month: col.date(r, "month"),
    paidCents: col.intOrNull(r, "paid_cents") ?? 0,
    openCents: col.intOrNull(r, "open_cents") ?? 0,
    invoices: col.int(r, "invoices"),
  }));
}

export async function countCustomers({ tx, orgId }: { tx: Db; orgId: string }): Promise<number> {
  const rows = await tx.$queryRaw`SELECT count(*) AS n FROM "Customer" WHERE "orgId" = ${orgId}::uuid`;
  return onlyRow(rows, (r) => col.int(r, "n"));
}
