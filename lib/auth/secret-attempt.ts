// THE throttle for a secret a signed-in person types to prove a factor (a recovery code; a
// TOTP code): one budget shared with the password, so guesses spread over the doors a
// stolen session can reach (password re-entry, TOTP, recovery codes) meet one limit.
//   step-up lockout holds? → reserve an attempt on the password's keys (email, ip) → check → settle
// The reservation comes BEFORE the check (argon2 for recovery codes), so concurrent guesses
// cannot outrun the count; a wrong secret also counts toward the user's step-up lockout,
// exactly as a wrong password re-entry does (lib/auth/check-password.ts).
// Engineer "factors": call attemptSecret from the TOTP check with reason "totp_mismatch".
import "server-only";
import { db } from "@/lib/db/client";
import { reservePasswordAttempt } from "@/lib/auth/sign-in-throttle";
import { settleAttempt } from "@/lib/auth/throttle";
import { lockedMessage, recordStepUpFailure, stepUpLock } from "@/lib/step-up/lockout";

export type SecretAttempt<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "wrong" }
  | { ok: false; reason: "throttled" | "locked"; retryAfter: number; message: string };

export function tooManyAttemptsMessage(retryAfter: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Runs `check` under the shared budget. `check` answers the proven value, or null for a
 * wrong secret; it may write (spend a code) as long as it writes nothing when it answers null.
 */
export async function attemptSecret<T>({
  userId,
  orgId,
  ip,
  now,
  failureReason,
  check,
}: {
  userId: string;
  /** The session's org, for the lockout's audit event. */
  orgId: string | null;
  ip: string | null;
  now: Date;
  /** Recorded with the step-up failure, e.g. "recovery_code_mismatch". */
  failureReason: string;
  check: () => Promise<T | null>;
}): Promise<SecretAttempt<T>> {
  const lock = await stepUpLock({ userId, now });
  if (lock) return { ok: false, reason: "locked", retryAfter: lock.retryAfter, message: lock.message };
  const { email } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const reserved = await reservePasswordAttempt({ email, ip, now });
  if (!reserved.ok) {
    return { ok: false, reason: "throttled", retryAfter: reserved.retryAfter, message: tooManyAttemptsMessage(reserved.retryAfter) };
  }
  const value = await check();
  // A right code frees only its own reservation: it does not clear earlier password failures
  // (knowing one factor says nothing about who typed the wrong passwords before it).
  await settleAttempt({ reservation: reserved.reservation, succeeded: value !== null });
  if (value !== null) return { ok: true, value };
  const failure = await recordStepUpFailure({ userId, orgId, reason: failureReason, now, ip });
  if (failure.lockedFor > 0)
    return { ok: false, reason: "locked", retryAfter: failure.lockedFor, message: lockedMessage(failure.lockedFor) };
  return { ok: false, reason: "wrong" };
}
