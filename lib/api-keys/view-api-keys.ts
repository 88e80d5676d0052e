// The API keys page's data (apiKeys.view): the org's live keys, and what the viewer may do
// with them, as the guard just decided (a guarded read: app/(app)/settings/api-keys/reads.ts).
import "server-only";
import { can } from "@/lib/licensing/policy";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";

export async function viewApiKeys({ ctx, tx, license, role }: GuardedBodyArgs<Record<string, never>, SessionContext>) {
  return {
    keys: await listApiKeys({ tx, orgId: ctx.orgId }),
    canManage: can("apiKeys.create", { plan: license.plan, role }).ok,
    limit: license.limits.apiKeys,
  };
}
