// Every live session of every member of the org, most recently seen first. Live means what
// the guard means (lib/auth/session-lifetime.ts): unrevoked AND within its absolute and idle
// limits. A session past either limit is refused on its next request and revoked by it; the
// list must not show it as signed in meanwhile, nor offer to sign it out.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { liveSessionWhere } from "@/lib/auth/session-lifetime";
import type { Role } from "@/lib/licensing/policy";

export type MemberSessionRow = {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  userAgent: string;
  ip: string;
  createdAt: Date;
  lastSeenAt: Date;
};

export async function listMemberSessions({
  tx = db,
  orgId,
  now,
  limit = 500,
}: {
  tx?: Db;
  orgId: string;
  /** Server time (the injectable clock): the lifetime limits are measured from it. */
  now: Date;
  limit?: number;
}): Promise<MemberSessionRow[]> {
  const members = await tx.membership.findMany({ where: { orgId }, select: { userId: true, role: true } });
  const roleOf = new Map(members.map((m) => [m.userId, m.role]));
  const sessions = await tx.session.findMany({
    where: { userId: { in: [...roleOf.keys()] }, revokedAt: null, ...liveSessionWhere(now) },
    orderBy: { lastSeenAt: "desc" },
    take: limit,
    select: {
      id: true,
      userAgent: true,
      ip: true,
      createdAt: true,
      lastSeenAt: true,
      user: { select: { id: true, name: true, email: true } },
    },
  });
  return sessions.map((s) => ({
    id: s.id,
    userId: s.user.id,
    name: s.user.name,
    email: s.user.email,
    role: roleOf.get(s.user.id)!,
    userAgent: s.userAgent,
    ip: s.ip,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
  }));
}
