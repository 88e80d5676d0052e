// The one per-request "who is this" read. cache() makes layouts, pages and actions in the
// same request share a single lookup. A revoked or unknown sid means unauthenticated,
// whatever the (still validly signed) cookie says. The current org is re-checked against
// membership here on every request.
import "server-only";
import { cache } from "react";
import { connection } from "next/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";
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

export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  // Per-request by nature: never prerender a page at build time around a session.
  await connection();
  const nextAuthSession = await getServerSession(getAuthOptions());
  const sid = nextAuthSession?.sid;
  if (!sid) return null;
  return loadSession(sid);
});

/** Resolves a sid to a live session (exported for route handlers and tests). */
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

/**
 * For pages under the signed-in shell. Layouts and pages render in parallel in the App
 * Router, so a page cannot rely on its layout's redirect: each asks for itself.
 */
export async function requireSession(): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (!session) {
    const path = (await headers()).get("x-tiergate-path") ?? "/dashboard";
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }
  return session;
}
