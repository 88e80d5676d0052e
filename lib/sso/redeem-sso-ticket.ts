// next-auth's "sso" provider redeems the ticket the callback left: once, within two minutes,
// for the user it names. The session opens in the connection's org and records that it came
// through SSO (connection, the IdP subject, auth_time): the guard's require-SSO check and
// the IdP step-up read these. Under Require SSO, the person's other sessions in that org that
// did not come through it end (end-sessions-outside-sso.ts).
import "server-only";
import { db } from "@/lib/db/client";
import { hashToken } from "@/lib/crypto/hash-token";
import { openSession } from "@/lib/auth/sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now as clockNow } from "@/lib/clock";
import { endSessionsOutsideSso } from "@/lib/sso/end-sessions-outside-sso";

export async function redeemSsoTicket({ ticket, ip, userAgent }: { ticket: string; ip: string; userAgent: string }) {
  if (!ticket || ticket.length > 200) return null;
  const now = await clockNow();
  const where = { ticketHash: hashToken(ticket), ticketUsedAt: null, expiresAt: { gt: now }, ticketUserId: { not: null } };
  const { count } = await db.ssoAttempt.updateMany({ where, data: { ticketUsedAt: now } });
  if (count !== 1) return null;
  const attempt = await db.ssoAttempt.findUniqueOrThrow({ where: { ticketHash: hashToken(ticket) }, include: { connection: true } });
  const userId = attempt.ticketUserId!;
  const session = await openSession({
    userId,
    ip,
    userAgent,
    orgId: attempt.connection.orgId,
    sso: { connectionId: attempt.connectionId, subject: attempt.ticketSubject!, authTime: attempt.ticketAuthTime ?? now },
  });
  await db.$transaction((tx) => endSessionsOutsideSso({ tx, userId, keepSessionId: session.id, connection: attempt.connection, now }));
  await recordAuditEvent({
    orgId: attempt.connection.orgId,
    actor: { type: "user", userId },
    action: "sso.sign_in",
    decision: "succeeded",
    detail: { sid: session.id, subject: attempt.ticketSubject },
    at: now,
  });
  return { userId, sid: session.id };
}
