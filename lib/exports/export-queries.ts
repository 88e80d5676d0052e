// The SQL behind each export. CSV: the filtered invoice table with its PII columns, in
// the table's default order. Bulk: every customer and invoice of the org as NDJSON.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { invoiceWhere } from "@/lib/reports/invoice-where";
import { inlineSql } from "@/lib/exports/inline-sql";
import { neutralisedTextSql } from "@/lib/exports/csv-cell";
import type { InvoiceFilter } from "@/lib/reports/schemas";

/** The CSV header, in order (the aliases below). */
export const CSV_COLUMNS = [
  "invoice_number",
  "issued_at",
  "status",
  "amount",
  "currency",
  "paid_at",
  "customer_name",
  "customer_email",
  "customer_phone",
  "company",
  "country",
] as const;

/**
 * A text column, neutralised against CSV injection (lib/exports/csv-cell.ts) and aliased.
 * Every text column goes through it; `amount` stays numeric so COPY writes it as a number.
 */
const textCell = (expr: string, alias: string) => Prisma.raw(`${neutralisedTextSql(expr)} as ${alias}`);

export function invoicesCsvSql({ orgId, filter, since }: { orgId: string; filter: InvoiceFilter; since: Date | null }) {
  const where = invoiceWhere({ orgId, filter, since });
  const select = Prisma.sql`
    select ${textCell("i.number", "invoice_number")},
           to_char(i."issuedAt" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as issued_at,
           ${textCell("i.status", "status")},
           round(i."amountCents" / 100.0, 2) as amount,
           ${textCell("i.currency", "currency")},
           to_char(i."paidAt" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as paid_at,
           ${textCell("c.name", "customer_name")}, ${textCell("c.email", "customer_email")},
           ${textCell("c.phone", "customer_phone")}, ${textCell("c.company", "company")}, ${textCell("c.country", "country")}
    from "Invoice" i join "Customer" c on c.id = i."customerId"
    where ${where}
    order by i."issuedAt" desc, i.id desc`;
  return (escape: (v: string) => string) => `copy (${inlineSql(select, escape)}) to stdout with (format csv, header true)`;
}

export async function countInvoices({ tx, orgId, filter, since }: { tx: Db; orgId: string; filter: InvoiceFilter; since: Date | null }) {
  const where = invoiceWhere({ orgId, filter, since });
  const [row] = await tx.$queryRaw<{ n: bigint }[]>`
    select count(*) as n from "Invoice" i join "Customer" c on c.id = i."customerId" where ${where}`;
  return Number(row?.n ?? 0);
}

// One JSON object per line. CSV format with a quote and delimiter that JSON text never
// contains (\x01, \x02) makes COPY emit each value verbatim: no quoting, no escaping.
export function bulkNdjsonSql({ orgId }: { orgId: string }) {
  const select = Prisma.sql`
    select json_build_object('type', 'customer', 'id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone,
                             'company', c.company, 'country', c.country, 'createdAt', c."createdAt")::text
    from "Customer" c where c."orgId" = ${orgId}::uuid
    union all
    select json_build_object('type', 'invoice', 'id', i.id, 'customerId', i."customerId", 'number', i.number,
                             'amountCents', i."amountCents", 'currency', i.currency, 'status', i.status,
                             'issuedAt', i."issuedAt", 'paidAt', i."paidAt")::text
    from "Invoice" i where i."orgId" = ${orgId}::uuid`;
  return (escape: (v: string) => string) =>
    `copy (${inlineSql(select, escape)}) to stdout with (format csv, quote e'\\x01', delimiter e'\\x02')`;
}

export async function countBulkRows({ tx, orgId }: { tx: Db; orgId: string }) {
  const [row] = await tx.$queryRaw<{ n: bigint }[]>`
    select (select count(*) from "Customer" where "orgId" = ${orgId}::uuid)
         + (select count(*) from "Invoice" where "orgId" = ${orgId}::uuid) as n`;
  return Number(row?.n ?? 0);
}
