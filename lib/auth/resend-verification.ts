// "Resend the link" for a signed-in account whose address is not confirmed: a new token (the
// earlier ones die), then the mail, after commit. Throttled per account and per IP.
import "server-only";
import { db } from "@/lib/db/client";
import { issueEmailToken } from "@/lib/auth/email-tokens";
import { throttleVerifyResend } from "@/lib/auth/mail-throttle";
import { ok, refuse, type ActionResult } from "@/lib/action-result";
import { sendMail } from "@/lib/mail/transport";
import { mailLinks } from "@/lib/mail/links";
import { verifyEmailMail } from "@/lib/mail/templates/verify-email";

export type ResendResult = { alreadyVerified: true } | { alreadyVerified: false; email: string; mailSent: boolean; mailReference?: string };

export async function resendVerification({
  ctx: { userId },
  ip = null,
  now,
}: {
  ctx: { userId: string };
  ip?: string | null;
  now: Date;
}): Promise<ActionResult<ResendResult>> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true, emailVerifiedAt: true } });
  if (user.emailVerifiedAt) return ok({ alreadyVerified: true });
  const throttled = await throttleVerifyResend({ userId, ip, now });
  if (!throttled.ok) return refuse({ kind: "locked", retryAfter: throttled.retryAfter, message: throttled.message });
  const { token } = await db.$transaction((tx) => issueEmailToken({ tx, userId, purpose: "verify_email", now }));
  const sent = await sendMail("verify_email", verifyEmailMail({ to: user.email, name: user.name, url: mailLinks.verifyEmail(token) }));
  return ok(
    sent.sent
      ? { alreadyVerified: false, email: user.email, mailSent: true }
      : { alreadyVerified: false, email: user.email, mailSent: false, mailReference: sent.reference },
  );
}
