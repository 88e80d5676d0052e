// One page of the invoice table. Server-side pagination over an index per sort key
// ((orgId, issuedAt|amountCents|number)); the total is counted up to a cap so a page of a
// 1,000,000-row org never pays for counting all of them.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { invoiceWhere } from "@/lib/reports/invoice-where";
import type { InvoiceQuery, InvoiceSort } from "@/lib/reports/schemas";

export const COUNT_CAP = 10_000;

// Allow-list → SQL. The only strings that reach ORDER BY.
const ORDER_BY: Record<InvoiceSort, Record<"asc" | "desc", Prisma.Sql>> = {
  issuedAt: { asc: Prisma.sql`i."issuedAt" asc, i.id asc`, desc: Prisma.sql`i."issuedAt" desc, i.id desc` },
  amount: { asc: Prisma.sql`i."amountCents" asc, i.id asc`, desc: Prisma.sql`i."amountCents" desc, i.id desc` },
  number: { asc: Prisma.sql`i.number asc`, desc: Prisma.sql`i.number desc` },
};

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

export async function listInvoices({ tx, orgId, query, since }: { tx: Db; orgId: string; query: InvoiceQuery; since: Date | null }) {
  const where = invoiceWhere({ orgId, filter: query, since });
  const offset = (query.page - 1) * query.pageSize;
  const [rows, counted] = await Promise.all([
    tx.$queryRaw<(Omit<InvoiceRow, "id"> & { id: bigint })[]>`
      select i.id, i.number, i."issuedAt", i.status, i."amountCents", i.currency,
             c.name as "customerName", c.email as "customerEmail", c.company, c.country
      from "Invoice" i join "Customer" c on c.id = i."customerId"
      where ${where}
      order by ${ORDER_BY[query.sort][query.dir]}
      limit ${query.pageSize} offset ${offset}`,
    tx.$queryRaw<{ n: bigint }[]>`
      select count(*) as n from (
        select 1 from "Invoice" i join "Customer" c on c.id = i."customerId" where ${where} limit ${COUNT_CAP + 1}
      ) capped`,
  ]);
  const total = Number(counted[0]?.n ?? 0);
  return {
    rows: rows.map((r) => ({ ...r, id: r.id.toString() })),
    total: Math.min(total, COUNT_CAP),
    totalIsCapped: total > COUNT_CAP,
    page: query.page,
    pageSize: query.pageSize,
  };
}
