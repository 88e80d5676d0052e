// The WHERE clause for an org's invoices under a filter and history window, as a Prisma
// SQL fragment with bound parameters. Every invoice query (table, count, export) uses it,
// so the rows you see are the rows you export.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InvoiceFilter } from "@/lib/reports/schemas";

export function invoiceWhere({ orgId, filter, since }: { orgId: string; filter: InvoiceFilter; since: Date | null }) {
  const parts: Prisma.Sql[] = [Prisma.sql`i."orgId" = ${orgId}::uuid`];
  if (since) parts.push(Prisma.sql`i."issuedAt" >= ${since}`);
  if (filter.status) parts.push(Prisma.sql`i.status = ${filter.status}`);
  if (filter.from) parts.push(Prisma.sql`i."issuedAt" >= ${filter.from}::date`);
  if (filter.to) parts.push(Prisma.sql`i."issuedAt" < (${filter.to}::date + 1)`);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(Prisma.sql`(i.number ilike ${like} or c.name ilike ${like} or c.email ilike ${like} or c.company ilike ${like})`);
  }
  return Prisma.join(parts, " and ");
}
