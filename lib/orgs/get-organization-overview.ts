// Headline counts for the overview page, in one round trip.
import "server-only";
import { db } from "@/lib/db/client";

export async function getOrganizationOverview({ orgId }: { orgId: string }) {
  const [row] = await db.$queryRaw<{ members: bigint; customers: bigint; invoices: bigint }[]>`
    select
      (select count(*) from "Membership" where "orgId" = ${orgId}::uuid) as members,
      (select count(*) from "Customer" where "orgId" = ${orgId}::uuid) as customers,
      (select count(*) from "Invoice" where "orgId" = ${orgId}::uuid) as invoices`;
  return { members: Number(row?.members ?? 0), customers: Number(row?.customers ?? 0), invoices: Number(row?.invoices ?? 0) };
}
