// The session action "accept an invitation" (app/(app)/invite/[token]/actions.ts): the person
// is not a member yet, so it is not in the policy table. The token is the capability; the
// invited email must be the signed-in user's (acceptInvite checks both).
import "server-only";
import { ok, refuse, invalid, type ActionResult } from "@/lib/action-result";
import { acceptInvite } from "@/lib/admin/accept-invite";
import type { SessionBodyArgs } from "@/lib/guard/session-action";

export async function acceptInvitation({ input, ctx, now }: SessionBodyArgs): Promise<ActionResult<{ orgName: string; role: string }>> {
  const result = await acceptInvite({ token: String(input), userId: ctx.userId, email: ctx.email, sessionId: ctx.sid, now });
  if (!result.ok) return refuse(invalid({ token: result.message }, result.message));
  return ok({ orgName: result.orgName, role: result.role });
}
