// The admin console's "invite someone" (members.invite), run by guardedAction in the guard's
// transaction. The seat limit depends on the data, so createInvite refuses past it (rolled back).
import "server-only";
import { createInvite } from "@/lib/admin/create-invite";
import { deliverInvite } from "@/lib/admin/invite-mailer";
import { refuseFromBody, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import type { InviteMemberInput } from "@/lib/admin/schemas";

export async function inviteMember({ input, ctx, tx, license, now }: GuardedBodyArgs<InviteMemberInput, SessionContext>) {
  const result = await createInvite({ tx, orgId: ctx.orgId, actorUserId: ctx.userId, input, license, now });
  if (!result.ok) refuseFromBody(result.refusal);
  return result.invite;
}

/** After commit: mail the link (a failed delivery is logged; the link shown once still works). */
export function sendInvite(invite: Awaited<ReturnType<typeof inviteMember>>) {
  void deliverInvite({
    inviteId: invite.id,
    orgName: invite.orgName,
    email: invite.email,
    role: invite.role,
    url: invite.url,
    expiresAt: invite.expiresAt,
  });
}
