// The one per-request "who is this" read. cache() makes layouts, pages and actions in the
// same request share a single lookup. A revoked, unknown or timed-out sid means
// unauthenticated, whatever the (still validly signed) cookie says. The current org is
// re-checked against membership here (lib/auth/load-session.ts) on every request.
import "server-only";
import { cache } from "react";
import { connection } from "next/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { loadSessionState, type CurrentSession, type SessionState } from "@/lib/auth/load-session";
import { isSessionEndNotice, type SessionEndNotice } from "@/lib/auth/session-lifetime";

const getSessionState = cache(async (): Promise<SessionState | null> => {
  // Per-request by nature: never prerender a page at build time around a session.
  await connection();
  const nextAuthSession = await getServerSession(getAuthOptions());
  const sid = nextAuthSession?.sid;
  return sid ? loadSessionState(sid) : null;
});

export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => (await getSessionState())?.session ?? null);

/** The cookie's session ran out (absolute or idle lifetime) or Require SSO ended it: the sign-in page says so. */
export async function endedSessionReason(): Promise<SessionEndNotice | null> {
  const ended = (await getSessionState())?.ended ?? null;
  return ended !== "ended" && isSessionEndNotice(ended) ? ended : null;
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
