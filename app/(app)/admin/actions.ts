"use server";
// The admin console's guarded server actions. Each goes through the one action client
// (session → role → license → step-up, re-checked inside the transaction) with its id
// from the policy table; the domain functions in lib/admin decide only what depends on the
// data (e.g. "only owners touch owners", "keep one owner") and roll back with a refusal.
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/guard/guarded-action";
import { refuseFromBody } from "@/lib/guard/run-guarded";
import { invalid } from "@/lib/action-result";
import { createInvite } from "@/lib/admin/create-invite";
import { revokeInvite } from "@/lib/admin/revoke-invite";
import { deliverInvite } from "@/lib/admin/invite-mailer";
import { changeMemberRole } from "@/lib/admin/change-member-role";
import { removeMember } from "@/lib/admin/remove-member";
import { revokeMemberSession } from "@/lib/admin/revoke-member-session";
import { updateSecurityPolicy } from "@/lib/admin/security-policy";
import {
  ZChangeMemberRoleSchema,
  ZInviteMemberSchema,
  ZRemoveMemberSchema,
  ZRevokeInviteSchema,
  ZRevokeMemberSessionSchema,
  ZUpdateSecurityPolicySchema,
} from "@/lib/admin/schemas";

const sessionOnly = { kind: "forbidden", message: "The admin console acts for people, not API keys." } as const;

/**
 * Returns the invite link once. `secretResult`: the idempotency record keeps a marker, not
 * the result, because the invitation token must exist only as a hash at rest.
 */
export const inviteMemberAction = guardedAction(
  "members.invite",
  ZInviteMemberSchema,
  async function inviteMemberAction({ input, ctx, tx, license, now }) {
    if (ctx.kind !== "session") refuseFromBody(sessionOnly);
    const result = await createInvite({ tx, orgId: ctx.orgId, actorUserId: ctx.userId, input, license, now });
    if (!result.ok) refuseFromBody(result.refusal);
    return result.invite;
  },
  {
    after: (invite) => {
      void deliverInvite({
        inviteId: invite.id,
        orgName: invite.orgName,
        email: invite.email,
        role: invite.role,
        url: invite.url,
        expiresAt: invite.expiresAt,
      });
      revalidatePath("/admin/members");
    },
    secretResult: true,
  },
);

export const revokeInviteAction = guardedAction(
  "members.invite",
  ZRevokeInviteSchema,
  async function revokeInviteAction({ input, ctx, tx, now }) {
    const { revoked } = await revokeInvite({ tx, orgId: ctx.orgId, inviteId: input.inviteId, now });
    if (!revoked)
      refuseFromBody(
        invalid({ inviteId: "That invitation was already used or withdrawn." }, "That invitation was already used or withdrawn."),
      );
    return { revoked };
  },
  { after: () => revalidatePath("/admin/members") },
);

export const changeMemberRoleAction = guardedAction(
  "members.changeRole",
  ZChangeMemberRoleSchema,
  async function changeMemberRoleAction({ input, ctx, tx }) {
    if (ctx.kind !== "session") refuseFromBody(sessionOnly);
    const result = await changeMemberRole({ tx, orgId: ctx.orgId, actorUserId: ctx.userId, userId: input.userId, role: input.role });
    if (!result.ok) refuseFromBody(result.refusal);
    return { from: result.from, to: result.to, changed: result.changed };
  },
  { after: () => revalidatePath("/admin", "layout") },
);

export const removeMemberAction = guardedAction(
  "members.remove",
  ZRemoveMemberSchema,
  async function removeMemberAction({ input, ctx, tx, now }) {
    if (ctx.kind !== "session") refuseFromBody(sessionOnly);
    const result = await removeMember({ tx, orgId: ctx.orgId, actorUserId: ctx.userId, userId: input.userId, now });
    if (!result.ok) refuseFromBody(result.refusal);
    return { role: result.role, grantsRevoked: result.grantsRevoked };
  },
  { after: () => revalidatePath("/admin", "layout") },
);

export const revokeMemberSessionAction = guardedAction(
  "sessions.revokeMember",
  ZRevokeMemberSessionSchema,
  async function revokeMemberSessionAction({ input, ctx, tx }) {
    if (ctx.kind !== "session") refuseFromBody(sessionOnly);
    const result = await revokeMemberSession({ tx, orgId: ctx.orgId, actorUserId: ctx.userId, sessionId: input.sessionId });
    if (!result.ok) refuseFromBody(result.refusal);
    return { revoked: true };
  },
  { after: () => revalidatePath("/admin/sessions") },
);

export const updateSecurityPolicyAction = guardedAction(
  "security.updatePolicy",
  ZUpdateSecurityPolicySchema,
  async function updateSecurityPolicyAction({ input, ctx, tx, license }) {
    const result = await updateSecurityPolicy({ tx, orgId: ctx.orgId, actorUserId: ctx.userId, plan: license.plan, input });
    if (!result.ok) refuseFromBody(result.refusal);
    return { overrides: result.overrides, changed: result.changed };
  },
  { after: () => revalidatePath("/admin/security") },
);
