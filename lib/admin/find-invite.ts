// What an invite link points at, for the accept page: the org, the role, the invited
// address, and whether it can still be accepted. Unknown and malformed tokens look alike.
import "server-only";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/licensing/policy";
import { hashInviteToken } from "@/lib/admin/invite-token";
import { ZInviteTokenSchema } from "@/lib/admin/schemas";

export type InviteStatus = "pending" | "accepted" | "revoked" | "expired";
export type InvitePreview =
  | { found: false }
  | { found: true; id: string; orgId: string; orgName: string; email: string; role: Role; status: InviteStatus; expiresAt: Date };

export function inviteStatus(invite: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InviteStatus {
  if (invite.acceptedAt) return "accepted";
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt <= now) return "expired";
  return "pending";
}

export async function findInvite({ token, now }: { token: string; now: Date }): Promise<InvitePreview> {
  if (!ZInviteTokenSchema.safeParse(token).success) return { found: false };
  const invite = await db.invite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: {
      id: true,
      orgId: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      org: { select: { name: true } },
    },
  });
  if (!invite) return { found: false };
  return {
    found: true,
    id: invite.id,
    orgId: invite.orgId,
    orgName: invite.org.name,
    email: invite.email,
    role: invite.role,
    status: inviteStatus(invite, now),
    expiresAt: invite.expiresAt,
  };
}
