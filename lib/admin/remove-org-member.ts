// The admin console's "remove a member" (members.remove).
import "server-only";
import { removeMember } from "@/lib/admin/remove-member";
import { refuseFromBody, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import type { z } from "zod";
import type { ZRemoveMemberSchema } from "@/lib/admin/schemas";

type RemoveMemberInput = z.output<typeof ZRemoveMemberSchema>;

export async function removeOrgMember({ input, ctx, tx, now }: GuardedBodyArgs<RemoveMemberInput, SessionContext>) {
  const result = await removeMember({ tx, orgId: ctx.orgId, actorUserId: ctx.userId, userId: input.userId, now });
  if (!result.ok) refuseFromBody(result.refusal);
  return { role: result.role, grantsRevoked: result.grantsRevoked };
}
