// Confirming an authenticator-app enrolment with its first code: only then is it a factor.
// The code is checked under the shared budget (lib/auth/secret-attempt.ts), and what allowed
// the enrolment to start is checked again under the user's row lock, because the account
// may have changed in between: a start with the password alone is worthless once the account
// has a factor (or two racing first enrolments would add a second factor with the password),
// and a start under a recovery permission passes only by spending it here. The confirming
// code's step counts as used. The first factor issues the account's recovery codes.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult } from "@/lib/action-result";
import { attemptSecret } from "@/lib/auth/secret-attempt";
import { countFactors } from "@/lib/auth/count-factors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { lockedRefusal } from "@/lib/step-up/lockout";
import type { SessionBodyArgs } from "@/lib/guard/session-action";
import { lockUser } from "@/lib/step-up/step-up-sql";
import { consumeReplacement } from "@/lib/factors/replacement-permission";
import { issueRecoveryCodesIfFirstFactor } from "@/lib/factors/recovery-codes";
import { matchTotpStep, openTotpSecret, ZTotpCodeSchema } from "@/lib/factors/totp-code";
import { WRONG_CODE } from "@/lib/factors/totp-check";
import { TOTP_ENROLMENT_TTL_SECONDS } from "@/lib/factors/totp-enrol";
import { notifySecurityEvent } from "@/lib/mail/notify-security-event";

const ZConfirmTotpSchema = z.object({ code: ZTotpCodeSchema }).strict();

export type ConfirmedTotp = { recoveryCodes: string[] | null };

const START_AGAIN = "This setup has expired or was replaced. Start again to get a new QR code.";
const NO_LONGER_ALLOWED = "Your account changed while you were setting up (another factor was added). Start again.";

export async function confirmTotpEnrolment({ input, ctx, ip, now }: SessionBodyArgs): Promise<ActionResult<ConfirmedTotp>> {
  const parsed = ZConfirmTotpSchema.safeParse(input);
  if (!parsed.success) return refuse(invalid(fieldsFromZod(parsed.error.issues)));
  const { userId, sid: sessionId, orgId } = ctx;
  const pending = await db.totpFactor.findUnique({ where: { userId } });
  const fresh = pending && pending.createdAt.getTime() + TOTP_ENROLMENT_TTL_SECONDS * 1000 > now.getTime();
  // No attempt counted: there is no seed to guess against.
  if (!pending || pending.confirmedAt || !fresh) return refuse(invalid({ code: START_AGAIN }, START_AGAIN));

  const attempt = await attemptSecret({
    userId,
    orgId,
    ip,
    now,
    failureReason: "totp_mismatch",
    check: async () => {
      const step = await matchTotpStep({ secret: openTotpSecret(pending.secretSealed, userId), code: parsed.data.code, now });
      if (step === null) return null;
      // The code was right whatever happens next: the answer below is not a failed guess.
      return db.$transaction(async (tx) => {
        await lockUser({ tx, userId });
        const allowed =
          pending.enrolledVia === "step_up" ||
          (pending.enrolledVia === "password" && (await countFactors({ tx, userId })) === 0) ||
          (pending.enrolledVia === "recovery_code" && (await consumeReplacement({ tx, userId, sessionId, use: "totp", now })));
        if (!allowed) return { confirmed: false as const };
        const { count } = await tx.totpFactor.updateMany({
          where: { userId, confirmedAt: null, secretSealed: pending.secretSealed },
          data: { confirmedAt: now, lastUsedStep: step, lastUsedAt: now },
        });
        if (count !== 1) return { confirmed: false as const };
        return { confirmed: true as const, recoveryCodes: await issueRecoveryCodesIfFirstFactor({ tx, userId, now }) };
      });
    },
  });
  const audit = (decision: "succeeded" | "failed", detail: Record<string, unknown>) =>
    recordAuditEvent({
      orgId,
      actor: { type: "user", userId, email: ctx.email },
      action: "totp.enrol",
      decision,
      method: "totp",
      detail,
      ip,
      at: now,
    });
  if (!attempt.ok) {
    await audit("failed", { reason: attempt.reason === "wrong" ? "totp_mismatch" : attempt.reason });
    if (attempt.reason === "wrong") return refuse(invalid({ code: WRONG_CODE }, WRONG_CODE));
    return refuse(lockedRefusal(attempt.retryAfter, attempt.message));
  }
  if (!attempt.value.confirmed) {
    await audit("failed", { reason: "enrolment_no_longer_allowed", via: pending.enrolledVia });
    return refuse(invalid({ code: NO_LONGER_ALLOWED }, NO_LONGER_ALLOWED));
  }
  await audit("succeeded", { via: pending.enrolledVia });
  notifySecurityEvent({ userId, event: { kind: "totp_added" }, at: now });
  return ok({ recoveryCodes: attempt.value.recoveryCodes });
}
