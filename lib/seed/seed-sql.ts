// The demo data set's statements (see lib/db/README.md): customers and invoices generated
// inside Postgres with generate_series, so a bench-sized org is one statement per table
// rather than a row per round trip. Deterministic for a given org, count and `now`.
// Bench rows: every figure that reads invoices ("exports", "stalled-exports") loads its data here.
import type { Db } from "@/lib/db/client";

export type DemoNames = { first: string[]; last: string[]; companies: string[]; countries: string[] };

/** `count` customers of `orgId`, created over the 2 years before `now`. */
export async function insertDemoCustomers({
  tx,
  orgId,
  count,
  names,
  now,
}: {
  tx: Pick<Db, "$executeRaw">;
  orgId: string;
  count: number;
  names: DemoNames;
  now: Date;
}): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "Customer" ("orgId", name, email, phone, company, country, "createdAt")
    SELECT ${orgId}::uuid,
           f || ' ' || l,
           lower(f) || '.' || lower(replace(l, ' ', '')) || i || '@' || lower(c) || '.example',
           '+1-555-' || lpad((i * 7919 % 10000)::text, 4, '0'),
           c || ' ' || (ARRAY['Ltd', 'Inc', 'GmbH', 'BV', 'SA'])[1 + i % 5],
           (${names.countries}::text[])[1 + (i * 31) % ${names.countries.length}],
           ${now}::timestamptz - make_interval(days => ((i * 13) % 730)::int)
      FROM generate_series(1::bigint, ${count}::bigint) AS i,
           LATERAL (SELECT (${names.first}::text[])[1 + i % ${names.first.length}] AS f,
                           (${names.last}::text[])[1 + (i / ${names.first.length}) % ${names.last.length}] AS l,
                           (${names.companies}::text[])[1 + (i * 7) % ${names.companies.length}] AS c) names`;
}

/**
 * `count` invoices spread over the org's customers and the 2 years before `now`: every 11th
 * open, every 17th void, the rest paid 3 days after issue.
 */
export async function insertDemoInvoices({
  tx,
  orgId,
  count,
  now,
}: {
  tx: Pick<Db, "$executeRaw">;
  orgId: string;
  count: number;
  now: Date;
}): Promise<number> {
  return tx.$executeRaw`
    WITH cs AS (
      SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Customer" WHERE "orgId" = ${orgId}::uuid
    ), counts AS (SELECT count(*) AS total FROM cs)
    INSERT INTO "Invoice" ("orgId", "customerId", number, "amountCents", currency, status, "issuedAt", "paidAt")
    SELECT ${orgId}::uuid, cs.id,
           'INV-' || lpad(i::text, 7, '0'),
           1000 + (i * 7919) % 250000,
           'usd',
           CASE WHEN i % 11 = 0 THEN 'open' WHEN i % 17 = 0 THEN 'void' ELSE 'paid' END,
           ${now}::timestamptz - make_interval(secs => ((i * 104729) % (730 * 86400))),
           CASE WHEN i % 11 = 0 OR i % 17 = 0 THEN NULL
                ELSE ${now}::timestamptz - make_interval(secs => ((i * 104729) % (730 * 86400))) + INTERVAL '3 days' END
      FROM generate_series(1::bigint, ${count}::bigint) AS i
     CROSS JOIN counts
      JOIN cs ON cs.n = 1 + (i % counts.total)`;
}

/** Serialises concurrent seeders (two launchers booting at once) for the transaction. */
export async function lockSeed({ tx, key }: { tx: Pick<Db, "$executeRaw">; key: number }): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${key})`;
}

/**
 * A bench-sized data set may outlast a statement_timeout set on the role (PgBouncer
 * deployments set one there); SET LOCAL ends with this transaction.
 */
export async function liftStatementTimeout({ tx }: { tx: Pick<Db, "$executeRaw"> }): Promise<void> {
  await tx.$executeRaw`SET LOCAL statement_timeout = 0`;
}
