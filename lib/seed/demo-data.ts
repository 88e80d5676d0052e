// Demo dataset for reports and exports: customers (with PII columns) and their invoices,
// generated inside Postgres (seed-sql.ts), so a bench-sized org takes seconds.
// Shared by the dev seed, the tests and the benchmarks. Deterministic for a given org.
import type { Db } from "@/lib/db/client";
import { insertDemoCustomers, insertDemoInvoices } from "@/lib/seed/seed-sql";

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
  db: Pick<Db, "$executeRaw">;
  orgId: string;
  invoices?: number;
  now?: Date;
}) {
  const customers = Math.max(1, Math.ceil(invoices / 4));
  if (!/^[0-9a-f-]{36}$/i.test(orgId)) throw new Error("orgId must be a uuid");
  await insertDemoCustomers({
    tx: db,
    orgId,
    count: customers,
    names: { first: FIRST, last: LAST, companies: COMPANIES, countries: COUNTRIES },
    now,
  });
  await insertDemoInvoices({ tx: db, orgId, count: invoices, now });
  return { customers, invoices };
}
