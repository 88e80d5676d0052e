// Password change: the current password proves it is the account holder, through the one
// password check (throttled and counted toward the step-up lockout: without that, a stolen
// session cookie is an unlimited current-password oracle); the new one is hashed; every other session is signed out and every step-up grant of the user dies (a
// grant proves a recent check under the old credentials). The current session stays.
import "server-only";
import { lockedRefusal } from "@/lib/step-up/lockout";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { checkPassword } from "@/lib/auth/check-password";
import { ZNewPasswordSchema, ZPasswordSchema } from "@/lib/auth/schemas";
import { revokeGrantsForUser } from "@/lib/step-up/grants";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { notifySecurityEvent } from "@/lib/mail/notify-security-event";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult } from "@/lib/action-result";
import { logger } from "@/lib/log";

export const ZChangePasswordSchema = z
  .object({ currentPassword: ZPasswordSchema, newPassword: ZNewPasswordSchema })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ["newPassword"], message: "Choose a password you have not used here." });

export async function changePassword({
  userId,
  orgId = null,
  sessionId,
  input,
  ip,
  now = new Date(),
}: {
  userId: string;
  /** The session's org, for the lockout's audit event. */
  orgId?: string | null;
  sessionId: string;
  input: unknown;
  ip: string;
  now?: Date;
}): Promise<ActionResult<{ sessionsSignedOut: number; grantsRevoked: number }>> {
  const parsed = ZChangePasswordSchema.safeParse(input);
  if (!parsed.success) return refuse(invalid(fieldsFromZod(parsed.error.issues)));
  const check = await checkPassword({ account: { userId, orgId }, password: parsed.data.currentPassword, ip, now });
  if (!check.ok) {
    if (check.reason !== "wrong_password") return refuse(lockedRefusal(check.retryAfter, check.message));
    return refuse(invalid({ currentPassword: "That is not your current password." }));
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  const result = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now } });
    const sessionsSignedOut = await revokeUserSessions({ tx, userId, exceptSessionId: sessionId, reason: "password_changed", now });
    const grantsRevoked = await revokeGrantsForUser({ tx, userId, reason: "password_changed", now });
    return { sessionsSignedOut, grantsRevoked };
  });
  logger.info({ event: "auth.password_changed", userId, ...result }, "password changed");
  notifySecurityEvent({ userId, event: { kind: "password_changed" }, at: now });
  return ok(result);
}
