"use server";
// Accepting an invitation: a session-level action (the person is not a member yet, so it is
// not in the policy table).
import { revalidatePath } from "next/cache";
import { sessionAction } from "@/lib/guard/session-action";
import { acceptInvitation } from "@/lib/admin/accept-invitation";

export const acceptInviteAction = sessionAction("members.acceptInvite", acceptInvitation, {
  signedOut: "Please sign in to accept the invitation.",
  after: () => revalidatePath("/", "layout"),
});
