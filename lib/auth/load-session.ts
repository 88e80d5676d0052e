// Resolves a session id (the JWT's `sid`) to a live session: the Session row with the
// user's memberships. Revoked, unknown or past its lifetime (session-lifetime.ts) → null,
// whatever the (still validly signed) cookie says; a session found past its lifetime is
// revoked here, so it stays ended. The current org is re-checked against membership. No
// Next.js imports, so plain Node (scripts, the bench's guard server, tests) uses the same
// read as the app's getCurrentSession (lib/auth/current-session.ts).
import "server-only";
import { db } from "@/lib/db/client";
import { now as clockNow } from "@/lib/clock";
import { revokeSession } from "@/lib/auth/sessions";
import { isSessionEndNotice, sessionEnd, type SessionEndNotice } from "@/lib/auth/session-lifetime";
import type { Role } from "@/lib/licensing/policy";

export type CurrentSession = {
  sid: string;
  user: { id: string; email: string; name: string };
  org: { id: string; name: string; slug: string; personal: boolean };
  role: Role;
  memberships: { orgId: string; name: string; role: Role; personal: boolean }[];
};

/** Why there is no session: it ran out ("expired"/"idle", see session-lifetime.ts), Require SSO ended it, or anything else. */
export type SessionState = { session: CurrentSession; ended: null } | { session: null; ended: SessionEndNotice | "ended" };

const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Resolves a sid to a live session, or null. Refreshes lastSeenAt at most once a minute. */
export async function loadSession(sid: string, at?: Date): Promise<CurrentSession | null> {
  return (await loadSessionState(sid, at)).session;
}

/** loadSession, saying why a session is over (the sign-in page tells the user). */
export async function loadSessionState(sid: string, at?: Date): Promise<SessionState> {
  const ended = { session: null, ended: "ended" } as const;
  if (!/^[0-9a-f-]{36}$/i.test(sid)) return ended;
  const now = at ?? (await clockNow());
  const row = await db.session.findUnique({
    where: { id: sid },
    select: {
      id: true,
      userId: true,
      revokedAt: true,
      revokedReason: true,
      createdAt: true,
      lastSeenAt: true,
      currentOrgId: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          memberships: {
            select: { role: true, org: { select: { id: true, name: true, slug: true, personal: true } } },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  if (!row) return ended;
  if (row.revokedAt) return isSessionEndNotice(row.revokedReason) ? { session: null, ended: row.revokedReason } : ended;
  const end = sessionEnd({ createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, now });
  if (end) {
    await revokeSession({ sessionId: row.id, userId: row.userId, reason: end, now });
    return { session: null, ended: end };
  }

  const memberships = row.user.memberships;
  const current = memberships.find((m) => m.org.id === row.currentOrgId) ?? memberships.find((m) => m.org.personal) ?? memberships[0];
  if (!current) return ended; // a user with no org cannot do anything; treat as signed out

  const stale = now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS;
  if (stale || current.org.id !== row.currentOrgId) {
    await db.session.update({ where: { id: sid }, data: { lastSeenAt: now, currentOrgId: current.org.id } });
  }

  const session: CurrentSession = {
    sid: row.id,
    user: { id: row.user.id, email: row.user.email, name: row.user.name },
    org: current.org,
    role: current.role,
    memberships: memberships.map((m) => ({ orgId: m.org.id, name: m.org.name, role: m.role, personal: m.org.personal })),
  };
  return { session, ended: null };
}
