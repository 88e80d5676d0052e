"use server";
// The admin console's guarded server actions: declarations only. Each goes through the one
// action client (session → role → license → step-up, re-checked inside the transaction) with
// its id from the policy table; the bodies in lib/admin decide only what depends on the data
// (e.g. "only owners touch owners", "keep one owner") and roll back with a refusal.
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/guard/guarded-action";
import { inviteMember, sendInvite } from "@/lib/admin/invite-member";
import { withdrawInvite } from "@/lib/admin/withdraw-invite";
import { setMemberRole } from "@/lib/admin/set-member-role";
import { removeOrgMember } from "@/lib/admin/remove-org-member";
import { endMemberSession } from "@/lib/admin/end-member-session";
import { saveSecurityPolicy } from "@/lib/admin/save-security-policy";
import {
  ZChangeMemberRoleSchema,
  ZInviteMemberSchema,
  ZRemoveMemberSchema,
  ZRevokeInviteSchema,
  ZRevokeMemberSessionSchema,
  ZUpdateSecurityPolicySchema,
} from "@/lib/admin/schemas";

/**
 * Returns the invite link once. `secretResult`: the idempotency record keeps a marker, not
 * the result, because the invitation token must exist only as a hash at rest.
 */
export const inviteMemberAction = guardedAction("members.invite", ZInviteMemberSchema, inviteMember, {
  after: (invite) => {
    sendInvite(invite);
    revalidatePath("/admin/members");
  },
  secretResult: true,
});

export const revokeInviteAction = guardedAction("members.invite", ZRevokeInviteSchema, withdrawInvite, {
  after: () => revalidatePath("/admin/members"),
});

export const changeMemberRoleAction = guardedAction("members.changeRole", ZChangeMemberRoleSchema, setMemberRole, {
  after: () => revalidatePath("/admin", "layout"),
});

export const removeMemberAction = guardedAction("members.remove", ZRemoveMemberSchema, removeOrgMember, {
  after: () => revalidatePath("/admin", "layout"),
});

export const revokeMemberSessionAction = guardedAction("sessions.revokeMember", ZRevokeMemberSessionSchema, endMemberSession, {
  after: () => revalidatePath("/admin/sessions"),
});

export const updateSecurityPolicyAction = guardedAction("security.updatePolicy", ZUpdateSecurityPolicySchema, saveSecurityPolicy, {
  after: () => revalidatePath("/admin/security"),
});
