// Session rows back every JWT: the cookie only carries `sid`; this table decides whether
// it still means anything. Revoking a row logs that browser out on its next request.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { logger } from "@/lib/log";

export async function openSession({ userId, ip, userAgent }: { userId: string; ip: string; userAgent: string }) {
  // The personal org (or the oldest membership) is where a fresh session lands.
  const membership = await db.membership.findFirst({
    where: { userId },
    orderBy: [{ org: { personal: "desc" } }, { createdAt: "asc" }],
    select: { orgId: true },
  });
  return db.session.create({
    data: { userId, ip: ip.slice(0, 64), userAgent: userAgent.slice(0, 512), currentOrgId: membership?.orgId ?? null },
  });
}

export type RevokeReason = "sign_out" | "revoked_by_user" | "revoked_by_admin" | "password_changed";

/**
 * Revokes a session and everything bound to it (step-up grants). `userId` scopes the
 * update: a user can only revoke their own sessions through this function.
 */
export async function revokeSession({
  tx = db,
  sessionId,
  userId,
  reason,
}: {
  tx?: Db;
  sessionId: string;
  userId: string;
  reason: RevokeReason;
}): Promise<boolean> {
  const { count } = await tx.session.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  if (count > 0) {
    await tx.stepUpGrant.updateMany({
      where: { sessionId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: `session_${reason}` },
    });
    logger.info({ event: "session.revoked", sid: sessionId, userId, reason }, "session revoked");
  }
  return count > 0;
}

export function listSessions({ userId }: { userId: string }) {
  return db.session.findMany({
    where: { userId, revokedAt: null },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
  });
}
