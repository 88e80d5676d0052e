"use server";
// Session-level server actions of the app shell (not licensed features, so not in the
// policy table): switch org, create org, revoke one of your own sessions, change password.
import { revalidatePath } from "next/cache";
import { sessionAction } from "@/lib/guard/session-action";
import { switchOrg } from "@/lib/orgs/switch-org";
import { createOrg } from "@/lib/orgs/create-org";
import { revokeOwnSession } from "@/lib/auth/revoke-own-session";
import { changeOwnPassword } from "@/lib/auth/change-own-password";

export const switchOrgAction = sessionAction("orgs.switch", switchOrg, { after: () => revalidatePath("/", "layout") });

export const createOrgAction = sessionAction("orgs.create", createOrg, { after: () => revalidatePath("/", "layout") });

export const revokeOwnSessionAction = sessionAction("sessions.revokeOwn", revokeOwnSession, { after: () => revalidatePath("/account") });

export const changePasswordAction = sessionAction("auth.changePassword", changeOwnPassword, { after: () => revalidatePath("/account") });
