// Account → "Use a recovery code" (/account/recover): the session action that spends one
// code and gives THIS session the factor-replacement permission (replacement-permission.ts).
// It never creates a step-up grant. The code is checked under the shared throttle (the
// password's budget and the step-up lockout, lib/auth/secret-attempt.ts); malformed input is
// refused before that and writes nothing. The account holder is mailed after commit.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult } from "@/lib/action-result";
import { attemptSecret } from "@/lib/auth/secret-attempt";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { recordFailedAttempt } from "@/lib/audit/record-failed-attempt";
import { lockedRefusal } from "@/lib/step-up/lockout";
import { notifySecurityEvent } from "@/lib/mail/notify-security-event";
import type { SessionBodyArgs } from "@/lib/guard/session-action";
import { findRecoveryCode, spendRecoveryCode, ZRecoveryCodeSchema } from "@/lib/factors/recovery-codes";
import { grantReplacement } from "@/lib/factors/replacement-permission";

export const ZRedeemRecoveryCodeSchema = z.object({ code: ZRecoveryCodeSchema }).strict();

export type RedeemedRecoveryCode = { expiresAt: string; remaining: number };

export async function redeemRecoveryCode({ input, ctx, ip, now }: SessionBodyArgs): Promise<ActionResult<RedeemedRecoveryCode>> {
  const parsed = ZRedeemRecoveryCodeSchema.safeParse(input);
  if (!parsed.success) return refuse(invalid(fieldsFromZod(parsed.error.issues)));
  const { userId, sid: sessionId, orgId } = ctx;
  const attempt = await attemptSecret({
    userId,
    orgId,
    ip,
    now,
    failureReason: "recovery_code_mismatch",
    check: async () => {
      const codeId = await findRecoveryCode({ userId, code: parsed.data.code });
      if (!codeId) return null;
      // Spend and permit in one transaction: a code raced by another redemption spends once,
      // and the loser is a wrong code (it is used).
      return db.$transaction(async (tx) => {
        if (!(await spendRecoveryCode({ tx, codeId, now }))) return null;
        const { expiresAt } = await grantReplacement({ tx, userId, sessionId, recoveryCodeId: codeId, now });
        const remaining = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
        await recordAuditEvent({
          tx,
          orgId,
          actor: { type: "user", userId },
          action: "recovery_code.use",
          decision: "succeeded",
          method: "recovery_code",
          detail: { remaining, replacementExpiresAt: expiresAt.toISOString() },
          ip,
          at: now,
        });
        return { expiresAt, remaining };
      });
    },
  });
  if (!attempt.ok) {
    if (attempt.reason !== "wrong") return refuse(lockedRefusal(attempt.retryAfter, attempt.message));
    await recordFailedAttempt({
      orgId,
      userId,
      action: "recovery_code.use",
      method: "recovery_code",
      reason: "recovery_code_mismatch",
      ip,
      now,
    });
    return refuse(invalid({ code: "That code is not one of your unused recovery codes." }));
  }
  notifySecurityEvent({ userId, event: { kind: "recovery_code_used", remaining: attempt.value.remaining }, at: now });
  return ok({ expiresAt: attempt.value.expiresAt.toISOString(), remaining: attempt.value.remaining });
}
