// Starting an authenticator-app enrolment (OWASP ASVS 5.0 V7.5.1, like passkeys): the FIRST
// factor with the account password (through the one password check); ANOTHER factor is the
// step-up action `totp.add` (a fresh check with a factor the account already has); a session
// that spent a recovery code (lib/factors/replacement-permission.ts) may enrol one factor
// with neither. Starting only stores a sealed seed waiting for its first code: it is not a
// factor until confirmed (totp-confirm.ts), which re-checks what allowed it.
import "server-only";
import { z } from "zod";
import { db, type Db } from "@/lib/db/client";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult } from "@/lib/action-result";
import { checkPassword } from "@/lib/auth/check-password";
import { countFactors } from "@/lib/auth/count-factors";
import { recordFailedAttempt } from "@/lib/audit/record-failed-attempt";
import { lockedRefusal } from "@/lib/step-up/lockout";
import { refuseFromBody, runGuarded, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionBodyArgs } from "@/lib/guard/session-action";
import type { SessionContext } from "@/lib/guard/context";
import { liveReplacement } from "@/lib/factors/replacement-permission";
import { enrolmentPicture, newTotpSecret, sealTotpSecret } from "@/lib/factors/totp-code";

/** What allowed an enrolment to start (TotpFactor.enrolledVia's CHECK). */
export type TotpEnrolledVia = "password" | "step_up" | "recovery_code";

/** An unconfirmed enrolment lasts as long as a step-up challenge would. */
export const TOTP_ENROLMENT_TTL_SECONDS = 10 * 60;

export type TotpEnrolment = { qrDataUrl: string; manualKey: string; expiresAt: string };

/** `totp.add` takes no input: the seed is made here. */
export const ZAddTotpSchema = z.object({}).strict();
const ZStartFirstTotpSchema = z.object({ password: z.string().max(1024).optional() }).strict();

const ALREADY = "You already have an authenticator app. Remove it first to set up a different one.";

/** Stores a fresh sealed seed as the user's pending enrolment; null when a confirmed one exists. */
async function issuePendingTotp({ tx, userId, via, now }: { tx: Db; userId: string; via: TotpEnrolledVia; now: Date }) {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, totpFactor: { select: { confirmedAt: true } } },
  });
  if (user.totpFactor?.confirmedAt) return null;
  const secret = newTotpSecret();
  const row = { secretSealed: sealTotpSecret(secret, userId), createdAt: now, enrolledVia: via, lastUsedStep: null, lastUsedAt: null };
  // A new start replaces an older unconfirmed seed: only the QR code on screen works.
  await tx.totpFactor.upsert({ where: { userId }, create: { userId, ...row }, update: row });
  const expiresAt = new Date(now.getTime() + TOTP_ENROLMENT_TTL_SECONDS * 1000).toISOString();
  return { ...(await enrolmentPicture({ secret, email: user.email })), expiresAt } satisfies TotpEnrolment;
}

/** The guarded body of `totp.add`: another factor, allowed by the guard's fresh step-up. */
export async function addTotp({ ctx, tx, now }: GuardedBodyArgs<z.output<typeof ZAddTotpSchema>, SessionContext>): Promise<TotpEnrolment> {
  const enrolment = await issuePendingTotp({ tx, userId: ctx.userId, via: "step_up", now });
  if (!enrolment) refuseFromBody(invalid({ form: ALREADY }, ALREADY));
  return enrolment;
}

/**
 * The account page's "Set up" for someone who may have no factor yet. With a factor (and no
 * recovery permission) this is `totp.add` through the guard: the password is NOT asked, the
 * step-up is the stronger proof (a password that decides nothing is one more guessing door).
 */
export async function startFirstTotp({ input, ctx, ip, now }: SessionBodyArgs): Promise<ActionResult<TotpEnrolment>> {
  const parsed = ZStartFirstTotpSchema.safeParse(input ?? {});
  if (!parsed.success) return refuse(invalid(fieldsFromZod(parsed.error.issues)));
  const { userId, sid: sessionId, orgId } = ctx;
  if (await liveReplacement({ userId, sessionId, now })) return issueOrRefuse(userId, "recovery_code", now);
  if ((await countFactors({ userId })) > 0) {
    return runGuarded({ actionId: "totp.add", ctx, schema: ZAddTotpSchema, rawInput: {}, body: addTotp, now, ip, secretResult: true });
  }
  if (!parsed.data.password)
    return refuse(invalid({ password: "Enter your password." }, "Enter your password to set up your first factor."));
  const check = await checkPassword({ account: { userId, orgId }, password: parsed.data.password, ip, now });
  if (!check.ok) {
    if (check.reason !== "wrong_password") return refuse(lockedRefusal(check.retryAfter, check.message));
    await recordFailedAttempt({ orgId, userId, action: "totp.enrol", method: "password", reason: "password_mismatch", ip, now });
    return refuse(invalid({ password: "That password is not right." }, "That password is not right."));
  }
  return issueOrRefuse(userId, "password", now);
}

async function issueOrRefuse(userId: string, via: TotpEnrolledVia, now: Date): Promise<ActionResult<TotpEnrolment>> {
  const enrolment = await issuePendingTotp({ tx: db, userId, via, now });
  return enrolment ? ok(enrolment) : refuse(invalid({ form: ALREADY }, ALREADY));
}
