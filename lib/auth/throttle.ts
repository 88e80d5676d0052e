// Attempt throttling in Postgres (every instance shares it), for anything an attacker can
// guess: passwords, codes. An attempt is RESERVED before the expensive or secret-revealing
// check runs, so concurrent guesses cannot all slip under the limit: the reservation takes
// an advisory lock per key, counts the key's window and inserts its pending rows while
// holding them. A pending row counts as a failure until settled (a crash mid-check leaves a
// failure, never a free guess). A refused attempt records nothing, so hammering a throttled
// key does not push its window further out.
//
// Rows live in "SignInAttempt" (keys are free strings, e.g. `email:a@b.c`, `ip:1.2.3.4`);
// every row is a failure or a pending attempt (`succeeded = false`).
import "server-only";
import { db } from "@/lib/db/client";
import { insertPendingAttempts, lockThrottleKeys, selectThrottleWindows } from "@/lib/auth/auth-sql";

export type ThrottleRule = { key: string; limit: number };

/** Proof of a reserved attempt: the pending rows to settle. */
export type Reservation = { readonly ids: readonly bigint[] };

export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; retryAfter: number };

export async function reserveAttempt({
  rules,
  windowSeconds,
  now,
}: {
  rules: ThrottleRule[];
  windowSeconds: number;
  now: Date;
}): Promise<ReserveResult> {
  const byKey = new Map<string, number>();
  for (const rule of rules) byKey.set(rule.key, Math.min(rule.limit, byKey.get(rule.key) ?? Infinity));
  // Sorted, so two reservations sharing keys always lock them in the same order (no deadlock).
  const keys = [...byKey.keys()].sort();
  const limits = keys.map((k) => byKey.get(k)!);
  if (keys.length === 0) throw new Error("reserveAttempt needs at least one rule");
  const since = new Date(now.getTime() - windowSeconds * 1000);

  return db.$transaction(async (tx) => {
    await lockThrottleKeys({ tx, keys });
    // A NEW statement after the locks: under READ COMMITTED it sees every row committed by the
    // reservation that held the lock before us.
    const windows = await selectThrottleWindows({ tx, keys, limits, since });
    let retryAfter = 0;
    for (const w of windows) {
      if (w.count < byKey.get(w.key)! || !w.pivot) continue;
      const freeAt = w.pivot.getTime() + windowSeconds * 1000;
      retryAfter = Math.max(retryAfter, Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)));
    }
    if (retryAfter > 0) return { ok: false, retryAfter } as const;
    const ids = await insertPendingAttempts({ tx, keys, now });
    return { ok: true, reservation: { ids } } as const;
  });
}

/**
 * A failed attempt keeps its rows (they are the failure). A successful one removes them,
 * and with `clearKeys` also those keys' earlier failures (e.g. the right password clears the
 * account's failures, never the IP's: one good account must not launder an IP guessing others).
 */
export async function settleAttempt({
  reservation,
  succeeded,
  clearKeys = [],
}: {
  reservation: Reservation;
  succeeded: boolean;
  clearKeys?: string[];
}): Promise<void> {
  if (!succeeded) return;
  await db.signInAttempt.deleteMany({
    where: { OR: [{ id: { in: [...reservation.ids] } }, { key: { in: clearKeys }, succeeded: false }] },
  });
}
