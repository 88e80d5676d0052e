// Account → "Sign out all other sessions": every live session of the caller but this one is
// revoked through revokeSession (which also ends each one's step-up grants), in one
// transaction, audited, and the account holder is mailed. Not a step-up action: it only
// takes access away, and someone who fears a stolen session must be able to do it at once.
import "server-only";
import { db } from "@/lib/db/client";
import { ok, type ActionResult } from "@/lib/action-result";
import { revokeSession } from "@/lib/auth/sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { notifySecurityEvent } from "@/lib/mail/notify-security-event";
import type { SessionBodyArgs } from "@/lib/guard/session-action";

export async function signOutOtherSessions({ ctx, ip, now }: SessionBodyArgs): Promise<ActionResult<{ signedOut: number }>> {
  const signedOut = await db.$transaction(async (tx) => {
    const others = await tx.session.findMany({
      where: { userId: ctx.userId, revokedAt: null, id: { not: ctx.sid } },
      select: { id: true },
    });
    let count = 0;
    for (const s of others) {
      if (await revokeSession({ tx, sessionId: s.id, userId: ctx.userId, reason: "revoked_by_user", now })) count++;
    }
    await recordAuditEvent({
      tx,
      orgId: ctx.orgId,
      actor: { type: "user", userId: ctx.userId, email: ctx.email },
      action: "sessions.sign_out_others",
      decision: "revoked",
      detail: { signedOut: count },
      ip,
      at: now,
    });
    return count;
  });
  if (signedOut > 0) notifySecurityEvent({ userId: ctx.userId, event: { kind: "other_sessions_signed_out", count: signedOut }, at: now });
  return ok({ signedOut });
}
