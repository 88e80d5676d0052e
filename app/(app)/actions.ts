"use server";
// Session-level server actions of the app shell (not licensed features, so not in the
// policy table): switch org, create org, revoke one of your own sessions, change password.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { clientIp } from "@/lib/http/client-ip";
import { getCurrentSession } from "@/lib/auth/current-session";
import { switchOrganization } from "@/lib/orgs/switch-organization";
import { createTeamOrganization } from "@/lib/orgs/create-team-organization";
import { revokeSession } from "@/lib/auth/sessions";
import { changePassword } from "@/lib/auth/change-password";
import { withServerErrors } from "@/lib/actions/handle-server-error";
import { ok, refuse, invalid, type ActionResult } from "@/lib/action-result";
import { z } from "zod";

const unauthenticated = { kind: "unauthenticated", message: "Your session has ended. Please sign in again." } as const;

export async function switchOrgAction(orgId: string): Promise<ActionResult<{ orgId: string }>> {
  return withServerErrors("orgs.switch", async () => {
    const session = await getCurrentSession();
    if (!session) return refuse(unauthenticated);
    const result = await switchOrganization({ sessionId: session.sid, userId: session.user.id, orgId });
    if (result.ok) revalidatePath("/", "layout");
    return result;
  });
}

export async function createOrgAction(input: { name: string }): Promise<ActionResult<{ orgId: string }>> {
  return withServerErrors("orgs.create", async () => {
    const session = await getCurrentSession();
    if (!session) return refuse(unauthenticated);
    const result = await createTeamOrganization({ sessionId: session.sid, userId: session.user.id, input });
    if (result.ok) revalidatePath("/", "layout");
    return result;
  });
}

export async function revokeOwnSessionAction(sessionId: string): Promise<ActionResult<{ revoked: boolean }>> {
  return withServerErrors("sessions.revokeOwn", async () => {
    const session = await getCurrentSession();
    if (!session) return refuse(unauthenticated);
    const parsed = z.uuid().safeParse(sessionId);
    if (!parsed.success) return refuse(invalid({ sessionId: "That session does not exist." }));
    const revoked = await revokeSession({ sessionId: parsed.data, userId: session.user.id, reason: "revoked_by_user" });
    if (!revoked) return refuse(invalid({ sessionId: "That session does not exist or has already ended." }));
    revalidatePath("/account");
    return ok({ revoked: true });
  });
}

export async function changePasswordAction(input: { currentPassword: string; newPassword: string }) {
  return withServerErrors("auth.changePassword", async () => {
    const session = await getCurrentSession();
    if (!session) return refuse(unauthenticated);
    const h = await headers();
    const ip = clientIp((name) => h.get(name));
    const result = await changePassword({ userId: session.user.id, orgId: session.org.id, sessionId: session.sid, input, ip });
    if (result.ok) revalidatePath("/account");
    return result;
  });
}
