"use server";
// Accepting an invitation: a session-level action (the person is not a member yet, so it
// is not in the policy table). The token is the capability; the invited email must be the
// signed-in user's.
import { revalidatePath } from "next/cache";
import { getCurrentSession } from "@/lib/auth/current-session";
import { withServerErrors } from "@/lib/actions/handle-server-error";
import { ok, refuse, invalid, type ActionResult } from "@/lib/action-result";
import { acceptInvite } from "@/lib/admin/accept-invite";
import { now } from "@/lib/clock";

export async function acceptInviteAction(token: string): Promise<ActionResult<{ orgName: string; role: string }>> {
  return withServerErrors("members.acceptInvite", async () => {
    const session = await getCurrentSession();
    if (!session) return refuse({ kind: "unauthenticated", message: "Please sign in to accept the invitation." });
    const result = await acceptInvite({
      token: String(token),
      userId: session.user.id,
      email: session.user.email,
      sessionId: session.sid,
      now: await now(),
    });
    if (!result.ok) return refuse(invalid({ token: result.message }, result.message));
    revalidatePath("/", "layout");
    return ok({ orgName: result.orgName, role: result.role });
  });
}
