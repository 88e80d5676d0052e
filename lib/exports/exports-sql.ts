// The export statements (see lib/db/README.md). The two downloads are `COPY (…) TO STDOUT`
// streams on node-postgres (copy-stream.ts): Prisma has no COPY, and COPY cannot take bind
// parameters, so invoicesCsvCopy and bulkNdjsonCopy are tagged templates like every other
// statement whose values inlineSql writes in as escaped literals at the last moment.
// Everything else (counts, tickets, leases) runs through Prisma.
// Bench rows: "exports" (the CSV COPY) and "stalled-exports" (the leases).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { col, firstRow, onlyRow } from "@/lib/db/row";
import { inlineSql } from "@/lib/exports/inline-sql";
import { neutralisedTextSql } from "@/lib/exports/csv-cell";
import { matchingInvoicesSql, type InvoiceMatch } from "@/lib/reports/reports-sql";

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
 * `expr` and `alias` are fixed column names of this module, never input.
 */
const textCell = (expr: string, alias: (typeof CSV_COLUMNS)[number]) => Prisma.raw(`${neutralisedTextSql(expr)} AS ${alias}`);

/** The COPY of the filtered invoice table with its PII columns, newest first. */
export function invoicesCsvCopy(match: InvoiceMatch) {
  const select = Prisma.sql`
    SELECT ${textCell("m.number", "invoice_number")},
           to_char(m."issuedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS issued_at,
           ${textCell("m.status", "status")},
           round(m."amountCents" / 100.0, 2) AS amount,
           ${textCell("m.currency", "currency")},
           to_char(m."paidAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS paid_at,
           ${textCell("m.customer_name", "customer_name")}, ${textCell("m.customer_email", "customer_email")},
           ${textCell("m.customer_phone", "customer_phone")}, ${textCell("m.company", "company")}, ${textCell("m.country", "country")}
      FROM (${matchingInvoicesSql(match)}) m
     ORDER BY m."issuedAt" DESC, m.id DESC`;
  return (escape: (v: string) => string) => `COPY (${inlineSql(select, escape)}) TO STDOUT WITH (FORMAT csv, HEADER true)`;
}

// One JSON object per line. CSV format with a quote and delimiter that JSON text never
// contains (\x01, \x02) makes COPY emit each value verbatim: no quoting, no escaping.
export function bulkNdjsonCopy({ orgId }: { orgId: string }) {
  const select = Prisma.sql`
    SELECT json_build_object('type', 'customer', 'id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone,
                             'company', c.company, 'country', c.country, 'createdAt', c."createdAt")::text
      FROM "Customer" c WHERE c."orgId" = ${orgId}::uuid
    UNION ALL
    SELECT json_build_object('type', 'invoice', 'id', i.id, 'customerId', i."customerId", 'number', i.number,
                             'amountCents', i."amountCents", 'currency', i.currency, 'status', i.status,
                             'issuedAt', i."issuedAt", 'paidAt', i."paidAt")::text
      FROM "Invoice" i WHERE i."orgId" = ${orgId}::uuid`;
  return (escape: (v: string) => string) =>
    `COPY (${inlineSql(select, escape)}) TO STDOUT WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')`;
}

/** How many lines bulkNdjsonCopy will write: the org's customers and invoices. */
export async function countBulkRows({ tx, orgId }: { tx: Db; orgId: string }): Promise<number> {
  const rows = await tx.$queryRaw`
    SELECT (SELECT count(*) FROM "Customer" WHERE "orgId" = ${orgId}::uuid)
         + (SELECT count(*) FROM "Invoice" WHERE "orgId" = ${orgId}::uuid) AS n`;
  return onlyRow(rows, (r) => col.int(r, "n"));
}

export type SpentTicket = { kind: string; orgId: string; userId: string; filters: unknown };

/** Spends a live ticket of this session (atomic: a second redemption finds nothing). */
export async function spendExportTicket({
  tx,
  tokenHash,
  sessionId,
  now,
}: {
  tx: Db;
  tokenHash: string;
  sessionId: string;
  now: Date;
}): Promise<SpentTicket | null> {
  const rows = await tx.$queryRaw`
    UPDATE "ExportTicket" SET "redeemedAt" = ${now}
     WHERE "tokenHash" = ${tokenHash} AND "redeemedAt" IS NULL AND "expiresAt" > ${now}
       AND "sessionId" = ${sessionId}::uuid
    RETURNING kind, "orgId", "userId", filters`;
  return firstRow(rows, (r) => ({
    kind: col.text(r, "kind"),
    orgId: col.text(r, "orgId"),
    userId: col.text(r, "userId"),
    filters: col.json(r, "filters"),
  }));
}

// The caps are serialised by transaction-scoped advisory locks (safe behind PgBouncer in
// transaction mode: nothing outlives the transaction). Every acquirer takes the user's,
// then the org's, so they cannot deadlock.
export async function lockUserExports({ tx, userId }: { tx: Db; userId: string }): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"tiergate:exports:user:" + userId}, 0))::text`;
}

export async function lockOrgExports({ tx, orgId }: { tx: Db; orgId: string }): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"tiergate:exports:org:" + orgId}, 0))::text`;
}

/** Unexpired leases of the user and of the org (database clock: leases are stamped with it). */
export async function countLiveLeases({ tx, userId, orgId }: { tx: Db; userId: string; orgId: string }) {
  const rows = await tx.$queryRaw`
    SELECT count(*) FILTER (WHERE "userId" = ${userId}::uuid) AS user_leases,
           count(*) FILTER (WHERE "orgId" = ${orgId}::uuid) AS org_leases
      FROM "ExportLease"
     WHERE ("userId" = ${userId}::uuid OR "orgId" = ${orgId}::uuid)
       AND "expiresAt" > (now() AT TIME ZONE 'UTC')`;
  return onlyRow(rows, (r) => ({ user: col.int(r, "user_leases"), org: col.int(r, "org_leases") }));
}

/** A lease living `seconds` from now; returns its id. */
export async function insertExportLease({
  tx,
  userId,
  orgId,
  kind,
  seconds,
}: {
  tx: Db;
  userId: string;
  orgId: string;
  kind: string;
  seconds: number;
}): Promise<string> {
  const rows = await tx.$queryRaw`
    INSERT INTO "ExportLease" (id, "userId", "orgId", kind, "expiresAt")
    VALUES (gen_random_uuid(), ${userId}::uuid, ${orgId}::uuid, ${kind}, (now() AT TIME ZONE 'UTC') + make_interval(secs => ${seconds}))
    RETURNING id::text`;
  return onlyRow(rows, (r) => col.text(r, "id"));
}

export async function renewExportLeaseRow({ tx, leaseId, seconds }: { tx: Db; leaseId: string; seconds: number }): Promise<void> {
  await tx.$executeRaw`
    UPDATE "ExportLease" SET "expiresAt" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${seconds}) WHERE id = ${leaseId}::uuid`;
}

/** Ends the lease, and sweeps lapsed ones while at it. */
export async function deleteExportLease({ tx, leaseId }: { tx: Db; leaseId: string }): Promise<void> {
  await tx.$executeRaw`
    DELETE FROM "ExportLease" WHERE id = ${leaseId}::uuid OR "expiresAt" < (now() AT TIME ZONE 'UTC')`;
}
