// Headline counts for the overview page, in one round trip.
import "server-only";
import { db } from "@/lib/db/client";
import { countOrgRows, type OrgCounts } from "@/lib/orgs/orgs-sql";

export async function getOrganizationOverview({ orgId }: { orgId: string }): Promise<OrgCounts> {
  return countOrgRows({ tx: db, orgId });
}
