// The organisation statements (see lib/db/README.md). Raw where the Prisma API would take
// several round trips (the overview's three counts) or cannot speak (advisory locks).
import "server-only";
import type { Db } from "@/lib/db/client";
import { col, onlyRow } from "@/lib/db/row";
import type { OrgLimit } from "@/lib/orgs/lock-org-limit";

export type OrgCounts = { members: number; customers: number; invoices: number };

/** The org's members, customers and invoices, counted in one round trip. */
export async function countOrgRows({ tx, orgId }: { tx: Db; orgId: string }): Promise<OrgCounts> {
  const rows = await tx.$queryRaw`
    SELECT (SELECT count(*) FROM "Membership" m WHERE m."orgId" = ${orgId}::uuid) AS members,
           (SELECT count(*) FROM "Customer" c WHERE c."orgId" = ${orgId}::uuid) AS customers,
           (SELECT count(*) FROM "Invoice" i WHERE i."orgId" = ${orgId}::uuid) AS invoices`;
  return onlyRow(rows, (r) => ({ members: col.int(r, "members"), customers: col.int(r, "customers"), invoices: col.int(r, "invoices") }));
}

/**
 * The org's lock for one plan limit, held to the end of the transaction (lockOrgLimit in
 * lock-org-limit.ts says why). ::text because Prisma cannot deserialise pg_advisory_xact_lock's
 * void result.
 */
export async function lockOrgLimitKey({ tx, orgId, limit }: { tx: Db; orgId: string; limit: OrgLimit }): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`org-limit:${limit}:${orgId}`}, 0))::text AS locked`;
}
