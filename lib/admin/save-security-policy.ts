// The admin console's "change the step-up policy" (security.updatePolicy): tighten-only
// overrides, checked against the plan by updateSecurityPolicy.
import "server-only";
import { updateSecurityPolicy } from "@/lib/admin/security-policy";
import { refuseFromBody, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import type { UpdateSecurityPolicyInput } from "@/lib/admin/schemas";

export async function saveSecurityPolicy({ input, ctx, tx, license }: GuardedBodyArgs<UpdateSecurityPolicyInput, SessionContext>) {
  const result = await updateSecurityPolicy({ tx, orgId: ctx.orgId, actorUserId: ctx.userId, plan: license.plan, input });
  if (!result.ok) refuseFromBody(result.refusal);
  return { overrides: result.overrides, changed: result.changed };
}
