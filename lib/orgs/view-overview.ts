// The overview page's body (license.view): the license the guard just read, the caller's role
// and the org's headline counts, on the guard's transaction.
import "server-only";
import { countOrgRows, type OrgCounts } from "@/lib/orgs/orgs-sql";
import type { License } from "@/lib/licensing/get-license";
import type { Role } from "@/lib/licensing/policy";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";

export type Overview = { license: License; role: Role; counts: OrgCounts };

export async function viewOverview({
  ctx,
  tx,
  license,
  role,
}: Pick<GuardedBodyArgs<unknown, SessionContext>, "ctx" | "tx" | "license" | "role">): Promise<Overview> {
  return { license, role, counts: await countOrgRows({ tx, orgId: ctx.orgId }) };
}
