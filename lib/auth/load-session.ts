// Resolves a session id (the JWT's `sid`) to a live session: the Session row with the
// user's memberships. Revoked or unknown → null, whatever the (still validly signed) cookie
// says; the current org is re-checked against membership. No Next.js imports, so plain Node
// (scripts, the bench's guard server, tests) uses the same read as the app's
// getCurrentSession (lib/auth/current-session.ts).
import "server-only";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/licensing/policy";

export type CurrentSession = {
  sid: string;
  user: { id: string; email: string; name: string };
  org: { id: string; name: string; slug: string; personal: boolean };
  role: Role;
  memberships: { orgId: string; name: string; role: Role; personal: boolean }[];
};

const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Resolves a sid to a live session, or null. Refreshes lastSeenAt at most once a minute. */
export async function loadSession(sid: string): Promise<CurrentSession | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sid)) return null;
  const row = await db.session.findUnique({
    where: { id: sid },
    select: {
      id: true,
      revokedAt: true,
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
  if (!row || row.revokedAt) return null;

  const memberships = row.user.memberships;
  const current =
    memberships.find((m) => m.org.id === row.currentOrgId) ??
    memberships.find((m) => m.org.personal) ??
    memberships[0];
  if (!current) return null; // a user with no org cannot do anything; treat as signed out

  const stale = Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS;
  if (stale || current.org.id !== row.currentOrgId) {
    await db.session.update({ where: { id: sid }, data: { lastSeenAt: new Date(), currentOrgId: current.org.id } });
  }

  return {
    sid: row.id,
    user: { id: row.user.id, email: row.user.email, name: row.user.name },
    org: current.org,
    role: current.role,
    memberships: memberships.map((m) => ({ orgId: m.org.id, name: m.org.name, role: m.role, personal: m.org.personal })),
  };
}
