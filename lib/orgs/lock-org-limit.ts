// Plan limits (API keys, seats) are counted under a per-org lock held to the end of the
// caller's transaction, so "count, then insert" cannot interleave: concurrent creators
// queue here and each sees the rows the one before it committed. A transaction-scoped
// advisory lock rather than FOR UPDATE on the organization row: guarded actions already
// hold that row FOR SHARE, and two of them upgrading to FOR UPDATE would deadlock.
import "server-only";
import type { Db } from "@/lib/db/client";
import { lockOrgLimitKey } from "@/lib/orgs/orgs-sql";

export type OrgLimit = "api_keys" | "seats";

export async function lockOrgLimit({ tx, orgId, limit }: { tx: Db; orgId: string; limit: OrgLimit }): Promise<void> {
  await lockOrgLimitKey({ tx, orgId, limit });
}
