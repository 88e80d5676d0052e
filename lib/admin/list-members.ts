// The org's members (with how many passkeys each holds) and its pending invitations.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import type { Role } from "@/lib/licensing/policy";

export type MemberRow = { userId: string; name: string; email: string; role: Role; joinedAt: Date; passkeys: number };
export type PendingInviteRow = { id: string; email: string; role: Role; createdAt: Date; expiresAt: Date; invitedBy: string | null };

const ROLE_ORDER: Record<Role, number> = { owner: 0, admin: 1, member: 2 };

export async function listMembers({ tx = db, orgId }: { tx?: Db; orgId: string }): Promise<MemberRow[]> {
  const rows = await tx.membership.findMany({
    where: { orgId },
    orderBy: { createdAt: "asc" },
    select: {
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true, _count: { select: { passkeys: true } } } },
    },
  });
  return rows
    .map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt,
      passkeys: m.user._count.passkeys,
    }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.joinedAt.getTime() - b.joinedAt.getTime());
}

/** Invitations neither accepted, revoked nor expired. */
export async function listPendingInvites({ tx = db, orgId, now }: { tx?: Db; orgId: string; now: Date }): Promise<PendingInviteRow[]> {
  const invites = await tx.invite.findMany({
    where: { orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, createdByUserId: true },
  });
  const inviters = await tx.user.findMany({
    where: { id: { in: [...new Set(invites.map((i) => i.createdByUserId))] } },
    select: { id: true, email: true },
  });
  const emailOf = new Map(inviters.map((u) => [u.id, u.email]));
  return invites.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    invitedBy: emailOf.get(i.createdByUserId) ?? null,
  }));
}

/** The members tab's data: the console page and GET /api/admin/members read the same thing. */
export async function listMembersAndInvites({ tx = db, orgId, now }: { tx?: Db; orgId: string; now: Date }) {
  const [members, invites] = await Promise.all([listMembers({ tx, orgId }), listPendingInvites({ tx, orgId, now })]);
  return { members, invites };
}
