// The admin console's "sign a member out of one session" (sessions.revokeMember).
import "server-only";
import { revokeMemberSession } from "@/lib/admin/revoke-member-session";
import { refuseFromBody, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import type { z } from "zod";
import type { ZRevokeMemberSessionSchema } from "@/lib/admin/schemas";

type RevokeMemberSessionInput = z.output<typeof ZRevokeMemberSessionSchema>;

export async function endMemberSession({ input, ctx, tx }: GuardedBodyArgs<RevokeMemberSessionInput, SessionContext>) {
  const result = await revokeMemberSession({ tx, orgId: ctx.orgId, actorUserId: ctx.userId, sessionId: input.sessionId });
  if (!result.ok) refuseFromBody(result.refusal);
  return { revoked: true };
}
