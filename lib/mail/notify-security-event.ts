// Mails the account holder about a security event, after the change committed. Fire and
// forget: the change already happened, so a delivery failure must not turn it into an
// error; it is logged with a reference by the transport (lib/mail/transport.ts).
import "server-only";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { sendMail } from "@/lib/mail/transport";
import { mailLinks } from "@/lib/mail/links";
import { issueNotMeToken } from "@/lib/auth/not-me";
import { securityNoticeMail, type SecurityEvent } from "@/lib/mail/templates/security-notice";

export function notifySecurityEvent({ userId, event, at }: { userId: string; event: SecurityEvent; at: Date }): void {
  void (async () => {
    const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true } });
    if (!user) return;
    const notMeUrl = mailLinks.notMe(await issueNotMeToken({ userId, now: at }));
    await sendMail(`notice_${event.kind}`, securityNoticeMail({ to: user.email, name: user.name, event, at, notMeUrl }));
  })().catch((err) => logger.error({ event: "mail.notice_failed", kind: event.kind, userId, err }, "security notice not sent"));
}
