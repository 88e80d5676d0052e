// Step-up lockout, per user, in Postgres: 10 failed step-ups (bad assertion, bad password
// re-entry, replayed or foreign challenge…) within 15 minutes lock step-up for 15 minutes.
// Password re-entry failures count here too, or a stolen session could guess the password
// through the enrolment flow without ever meeting the sign-in throttle.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { LOCKOUT_DURATION_SECONDS, LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_SECONDS } from "@/lib/step-up/config";

/** The refusal every locked or throttled door answers with; retryAfter becomes Retry-After. */
export type LockedRefusal = { kind: "locked"; retryAfter: number; message: string };

/** The `locked` refusal for a wait of `retryAfter` seconds (a throttle passes its own message). */
export function lockedRefusal(retryAfter: number, message = lockedMessage(retryAfter)): LockedRefusal {
  return { kind: "locked", retryAfter, message };
}

/** Seconds until step-up may be tried again, or 0 when not locked. */
export async function stepUpRetryAfter({ tx = db, userId, now }: { tx?: Db; userId: string; now: Date }): Promise<number> {
  const lock = await tx.stepUpLockout.findUnique({ where: { userId } });
  return retryAfterSeconds(lock?.lockedUntil ?? null, now);
}

/** Is this user locked out of step-up, and for how long: the refusal, or null when free. */
export async function stepUpLock({ tx = db, userId, now }: { tx?: Db; userId: string; now: Date }): Promise<LockedRefusal | null> {
  const retryAfter = await stepUpRetryAfter({ tx, userId, now });
  return retryAfter > 0 ? lockedRefusal(retryAfter) : null;
}

/** Seconds until a lock ends (0 when there is none or it has ended). */
export function retryAfterSeconds(lockedUntil: Date | null, now: Date): number {
  if (!lockedUntil || lockedUntil.getTime() <= now.getTime()) return 0;
  return Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000);
}

export function lockedMessage(retryAfter: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  return `Too many failed verifications. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/** Records one failure; returns the lock's retryAfter when this failure tipped it over. */
export async function recordStepUpFailure({
  userId,
  orgId,
  reason,
  now,
  ip = null,
}: {
  userId: string;
  orgId: string | null;
  reason: string;
  now: Date;
  ip?: string | null;
}): Promise<{ lockedFor: number }> {
  await db.stepUpFailure.create({ data: { userId, reason, createdAt: now } });
  const since = new Date(now.getTime() - LOCKOUT_WINDOW_SECONDS * 1000);
  const failures = await db.stepUpFailure.count({ where: { userId, createdAt: { gt: since, lte: now } } });
  if (failures < LOCKOUT_MAX_FAILURES) return { lockedFor: 0 };
  const lockedUntil = new Date(now.getTime() + LOCKOUT_DURATION_SECONDS * 1000);
  await db.stepUpLockout.upsert({
    where: { userId },
    create: { userId, lockedUntil, createdAt: now },
    update: { lockedUntil, createdAt: now },
  });
  await recordAuditEvent({
    orgId,
    actor: { type: "user", userId },
    action: "step_up.lockout",
    decision: "locked",
    method: "webauthn",
    detail: { failures, lockedUntil: lockedUntil.toISOString(), lastReason: reason },
    ip,
    at: now,
  });
  return { lockedFor: LOCKOUT_DURATION_SECONDS };
}

/** A successful step-up clears the user's failure window. */
export async function clearStepUpFailures({ userId }: { userId: string }) {
  await db.stepUpFailure.deleteMany({ where: { userId } });
}
