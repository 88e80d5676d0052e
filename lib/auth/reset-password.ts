// Setting a new password with a mailed reset link (30 min, single use, only the newest link
// of the account works). In one transaction: the token is spent, the password replaced, the
// address counted as confirmed (the link proved the mailbox), EVERY session signed out and
// EVERY step-up grant ended. A reset opens no session and creates no grant: it is never a
// step-up, so whoever holds the mailbox still meets the account's factors afterwards. After
// commit the owner is mailed a notice.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { ZNewPasswordSchema } from "@/lib/auth/schemas";
import { consumeEmailToken, peekEmailToken, TOKEN_MESSAGES, ZEmailTokenSchema } from "@/lib/auth/email-tokens";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { revokeGrantsForUser } from "@/lib/step-up/grants";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult } from "@/lib/action-result";
import { notifySecurityEvent } from "@/lib/mail/notify-security-event";
import { logger } from "@/lib/log";

export const ZResetPasswordSchema = z.object({ token: ZEmailTokenSchema, password: ZNewPasswordSchema });

export type ResetPasswordResult = { email: string; sessionsSignedOut: number; grantsRevoked: number };

export async function resetPassword({
  input,
  ip = null,
  now,
}: {
  input: unknown;
  ip?: string | null;
  now: Date;
}): Promise<ActionResult<ResetPasswordResult>> {
  const parsed = ZResetPasswordSchema.safeParse(input);
  if (!parsed.success) return refuse(invalid(fieldsFromZod(parsed.error.issues)));
  const { token, password } = parsed.data;
  // A cheap look first, so a dead link is refused before argon2 runs.
  const peek = await peekEmailToken({ tx: db, token, purpose: "reset_password", now });
  if (!peek.ok) return refuse(invalid({ token: TOKEN_MESSAGES[peek.problem] }, TOKEN_MESSAGES[peek.problem]));

  const passwordHash = await hashPassword(password);
  const result = await db.$transaction(async (tx) => {
    const spent = await consumeEmailToken({ tx, token, purpose: "reset_password", now });
    if (!spent.ok) return spent;
    const userId = spent.userId;
    const user = await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now }, select: { email: true } });
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    const sessionsSignedOut = await revokeUserSessions({ tx, userId, reason: "password_reset", now });
    const grantsRevoked = await revokeGrantsForUser({ tx, userId, reason: "password_reset", now });
    await recordAuditEvent({
      tx,
      orgId: null,
      actor: { type: "user", userId, email: user.email },
      action: "auth.password_reset",
      decision: "succeeded",
      method: "email",
      detail: { sessionsSignedOut, grantsRevoked },
      ip,
      at: now,
    });
    return { ok: true as const, userId, email: user.email, sessionsSignedOut, grantsRevoked };
  });
  if (!result.ok) {
    const message = TOKEN_MESSAGES[result.problem];
    return refuse(invalid({ token: message }, message));
  }
  logger.info({ event: "auth.password_reset", userId: result.userId }, "password reset");
  notifySecurityEvent({ userId: result.userId, event: { kind: "password_reset" }, at: now });
  return ok({ email: result.email, sessionsSignedOut: result.sessionsSignedOut, grantsRevoked: result.grantsRevoked });
}
