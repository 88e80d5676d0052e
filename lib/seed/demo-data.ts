// Demo dataset for reports and exports: customers (with PII columns) and their invoices,
// generated inside Postgres with generate_series so 1,000,000 rows take seconds.
// Shared by the dev seed, the tests and the benchmarks. Deterministic for a given org.
import type { PrismaClient } from "@/lib/generated/prisma/client";

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Edsger",
  "Barbara",
  "Donald",
  "Frances",
  "Ken",
  "Margaret",
  "Dennis",
  "Radia",
  "Leslie",
  "Sophie",
  "Tim",
  "Hedy",
  "Linus",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Allen",
  "Thompson",
  "Hamilton",
  "Ritchie",
  "Perlman",
  "Lamport",
  "Wilson",
  "Berners-Lee",
  "Lamarr",
  "Torvalds",
];
const COMPANIES = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Vandelay",
  "Stark",
  "Wayne",
  "Tyrell",
  "Soylent",
  "Cyberdyne",
  "Aperture",
];
const COUNTRIES = ["US", "GB", "DE", "FR", "NL", "SE", "ES", "IT", "CA", "AU", "JP", "BR"];

const sqlArray = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]`;

/**
 * Adds `invoices` invoices and invoices/4 customers to an org. Invoice dates spread over
 * the 24 months before `now`, so free-plan history limits have something to cut.
 */
export async function seedDemoData({
  db,
  orgId,
  invoices = 10_000,
  now = new Date(),
}: {
  db: Pick<PrismaClient, "$executeRawUnsafe">;
  orgId: string;
  invoices?: number;
  now?: Date;
}) {
  const customers = Math.max(1, Math.ceil(invoices / 4));
  if (!/^[0-9a-f-]{36}$/i.test(orgId)) throw new Error("orgId must be a uuid");
  await db.$executeRawUnsafe(
    `
    insert into "Customer" ("orgId", name, email, phone, company, country, "createdAt")
    select '${orgId}'::uuid,
      f || ' ' || l,
      lower(f) || '.' || lower(replace(l, ' ', '')) || i || '@' || lower(c) || '.example',
      '+1-555-' || lpad((i * 7919 % 10000)::text, 4, '0'),
      c || ' ' || (array['Ltd','Inc','GmbH','BV','SA'])[1 + i % 5],
      (${sqlArray(COUNTRIES)})[1 + (i * 31) % ${COUNTRIES.length}],
      $1::timestamptz - make_interval(days => ((i * 13) % 730)::int)
    from generate_series(1::bigint, ${customers}) as i,
      lateral (select (${sqlArray(FIRST)})[1 + i % ${FIRST.length}] as f,
                      (${sqlArray(LAST)})[1 + (i / ${FIRST.length}) % ${LAST.length}] as l,
                      (${sqlArray(COMPANIES)})[1 + (i * 7) % ${COMPANIES.length}] as c) names`,
    now,
  );

  await db.$executeRawUnsafe(
    `
    with cs as (
      select id, row_number() over (order by id) as n from "Customer" where "orgId" = '${orgId}'::uuid
    ), counts as (select count(*) as total from cs)
    insert into "Invoice" ("orgId", "customerId", number, "amountCents", currency, status, "issuedAt", "paidAt")
    select '${orgId}'::uuid, cs.id,
      'INV-' || lpad(i::text, 7, '0'),
      1000 + (i * 7919) % 250000,
      'usd',
      case when i % 11 = 0 then 'open' when i % 17 = 0 then 'void' else 'paid' end,
      $1::timestamptz - make_interval(secs => ((i * 104729) % (730 * 86400))),
      case when i % 11 = 0 or i % 17 = 0 then null
           else $1::timestamptz - make_interval(secs => ((i * 104729) % (730 * 86400))) + interval '3 days' end
    from generate_series(1::bigint, ${invoices}) as i
    cross join counts
    join cs on cs.n = 1 + (i % counts.total)`,
    now,
  );
  return { customers, invoices };
}
