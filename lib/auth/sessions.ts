// Session rows back every JWT: the cookie only carries `sid`; this table decides whether
// it still means anything. Revoking a row logs that browser out on its next request.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { now as clockNow } from "@/lib/clock";
import { liveSessionWhere } from "@/lib/auth/session-lifetime";
import { revokeGrants } from "@/lib/step-up/revoke-grants";
import { landingOrgId } from "@/lib/auth/landing-org";

export async function openSession({
  userId,
  ip,
  userAgent,
  orgId,
  sso,
}: {
  userId: string;
  ip: string;
  userAgent: string;
  /** Land in this org if a member (an SSO sign-in lands in the connection's org). */
  orgId?: string;
  /** A sign-in through an org's IdP (lib/sso/redeem-sso-ticket.ts). */
  sso?: { connectionId: string; subject: string; authTime: Date };
}) {
  // The last org the person used (if still a member), else the personal org (landing-org.ts).
  const currentOrgId = await landingOrgId({ userId, orgId });
  // Both lifetimes (session-lifetime.ts) count from the server clock, as their checks do.
  const now = await clockNow();
  return db.session.create({
    data: {
      userId,
      ip: ip.slice(0, 64),
      userAgent: userAgent.slice(0, 512),
      currentOrgId,
      createdAt: now,
      lastSeenAt: now,
      ...(sso ? { ssoConnectionId: sso.connectionId, ssoSubject: sso.subject, ssoAuthTime: sso.authTime } : {}),
    },
  });
}

/**
 * "expired" / "idle": the session outlived SESSION_MAX_AGE_HOURS / SESSION_IDLE_MINUTES;
 * "sso_required": its person signed in through the org's IdP under Require SSO (lib/sso/end-sessions-outside-sso.ts).
 */
export type RevokeReason =
  "sign_out" | "revoked_by_user" | "revoked_by_admin" | "password_changed" | "password_reset" | "expired" | "idle" | "sso_required";

/**
 * Revokes a session and everything bound to it (step-up grants). `userId` scopes the
 * update: a user can only revoke their own sessions through this function.
 */
export async function revokeSession({
  tx = db,
  sessionId,
  userId,
  reason,
  now,
}: {
  tx?: Db;
  sessionId: string;
  userId: string;
  reason: RevokeReason;
  /** The decision's clock; defaults to the server clock (lib/clock.ts). */
  now?: Date;
}): Promise<boolean> {
  const at = now ?? (await clockNow());
  const { count } = await tx.session.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { revokedAt: at, revokedReason: reason },
  });
  if (count > 0) {
    await revokeGrants({ tx, scope: { sessionId }, reason: `session_${reason}`, actor: { type: "user", userId }, now: at });
    logger.info({ event: "session.revoked", sid: sessionId, userId, reason }, "session revoked");
  }
  return count > 0;
}

/**
 * Signs the user out everywhere (but `exceptSessionId`, the one that changed the password):
 * the one writer for password change and reset. Their grants die through revokeGrantsForUser,
 * which the caller runs in the same transaction. Returns how many sessions ended.
 */
export async function revokeUserSessions({
  tx,
  userId,
  exceptSessionId,
  reason,
  now,
}: {
  tx: Db;
  userId: string;
  exceptSessionId?: string;
  reason: Extract<RevokeReason, "password_changed" | "password_reset">;
  now: Date;
}): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: now, revokedReason: reason },
  });
  if (count > 0) logger.info({ event: "session.revoked_all", userId, reason, count }, "sessions revoked");
  return count;
}

/** The user's live sessions: unrevoked and within both lifetimes (an ended one is revoked lazily, on its next request). */
export async function listSessions({ userId, now }: { userId: string; now?: Date }) {
  return db.session.findMany({
    where: { userId, revokedAt: null, ...liveSessionWhere(now ?? (await clockNow())) },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
  });
}
