// The admin console's "change a member's role" (members.changeRole). changeMemberRole decides
// what depends on the data (only owners touch owners, an org keeps one owner).
import "server-only";
import { changeMemberRole } from "@/lib/admin/change-member-role";
import { refuseFromBody, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import type { z } from "zod";
import type { ZChangeMemberRoleSchema } from "@/lib/admin/schemas";

type ChangeMemberRoleInput = z.output<typeof ZChangeMemberRoleSchema>;

export async function setMemberRole({ input, ctx, tx }: GuardedBodyArgs<ChangeMemberRoleInput, SessionContext>) {
  const result = await changeMemberRole({ tx, orgId: ctx.orgId, actorUserId: ctx.userId, userId: input.userId, role: input.role });
  if (!result.ok) refuseFromBody(result.refusal);
  return { from: result.from, to: result.to, changed: result.changed };
}
