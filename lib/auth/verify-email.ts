// Confirming an address with the mailed link. The link works only in a signed-in session of
// the account it was sent for: whoever pre-registers someone else's address (and so knows
// that account's password) cannot have the real owner confirm it for them by clicking a
// link; the real owner, not knowing that password, resets it instead, which also confirms.
// A mail scanner that follows the link (GET) spends nothing: confirmation is a POST.
import "server-only";
import { db } from "@/lib/db/client";
import { z } from "zod";
import { consumeEmailToken, TOKEN_MESSAGES, ZEmailTokenSchema } from "@/lib/auth/email-tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invalid, ok, refuse, type ActionResult } from "@/lib/action-result";
import { logger } from "@/lib/log";

export const ZVerifyEmailSchema = z.object({ token: ZEmailTokenSchema });

export async function verifyEmail({
  input,
  ctx: { userId },
  ip = null,
  now,
}: {
  input: unknown;
  /** The signed-in session's user: only the account the link was sent for can confirm it. */
  ctx: { userId: string };
  ip?: string | null;
  now: Date;
}): Promise<ActionResult<{ verified: true }>> {
  const parsed = ZVerifyEmailSchema.safeParse(input);
  if (!parsed.success) return refuse(invalid({ token: TOKEN_MESSAGES.invalid }, TOKEN_MESSAGES.invalid));
  const result = await db.$transaction(async (tx) => {
    const spent = await consumeEmailToken({ tx, token: parsed.data.token, purpose: "verify_email", userId, now });
    if (!spent.ok) return spent;
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    return spent;
  });
  if (!result.ok) {
    await recordAuditEvent({
      orgId: null,
      actor: { type: "user", userId },
      action: "auth.verify_email",
      decision: "refused",
      detail: { reason: result.problem },
      ip,
      at: now,
    });
    const message = TOKEN_MESSAGES[result.problem];
    return refuse(invalid({ token: message }, message));
  }
  logger.info({ event: "auth.email_verified", userId }, "email address verified");
  return ok({ verified: true });
}
