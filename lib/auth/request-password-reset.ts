// "Forgot password?": the answer is the same for every well-formed address, registered or
// not, and arrives before any mail is sent: the mail goes out after the response, so neither
// the body nor the time taken says whether an account exists. Throttled per address and per
// IP (the per-address limit counts unknown addresses too). A new request ends every earlier
// unused reset link of the account. A delivery failure is logged with a reference
// (lib/mail/transport.ts); the person, told only "if an account exists", can ask again.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { ZEmailSchema } from "@/lib/auth/schemas";
import { issueEmailToken } from "@/lib/auth/email-tokens";
import { throttleResetRequest } from "@/lib/auth/mail-throttle";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult } from "@/lib/action-result";
import { sendMailLater } from "@/lib/mail/transport";
import { mailLinks } from "@/lib/mail/links";
import { resetPasswordMail } from "@/lib/mail/templates/reset-password";
import { logger } from "@/lib/log";

export const ZRequestPasswordResetSchema = z.object({ email: ZEmailSchema });

export async function requestPasswordReset({
  input,
  ip = null,
  now,
}: {
  input: unknown;
  ip?: string | null;
  now: Date;
}): Promise<ActionResult<{ email: string }>> {
  const parsed = ZRequestPasswordResetSchema.safeParse(input);
  if (!parsed.success) return refuse(invalid(fieldsFromZod(parsed.error.issues)));
  const { email } = parsed.data;
  const throttled = await throttleResetRequest({ email, ip, now });
  if (!throttled.ok) {
    logger.warn({ event: "auth.reset_throttled", ip }, "password reset request throttled");
    return refuse({ kind: "locked", retryAfter: throttled.retryAfter, message: throttled.message });
  }
  const issued = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, name: true } });
    if (!user) return null;
    const { token } = await issueEmailToken({ tx, userId: user.id, purpose: "reset_password", now });
    return { user, token };
  });
  if (issued) {
    logger.info({ event: "auth.reset_requested", userId: issued.user.id }, "password reset requested");
    sendMailLater("reset_password", resetPasswordMail({ to: email, name: issued.user.name, url: mailLinks.resetPassword(issued.token) }));
  }
  return ok({ email });
}
