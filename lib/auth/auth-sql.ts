// The attempt throttle's statements (see lib/db/README.md), run by reserveAttempt
// (lib/auth/throttle.ts) in one transaction: lock the keys, count their windows, insert the
// pending rows. Raw because the Prisma API has no advisory locks, and because the count reads
// each key's limit-th newest attempt (when the key is free again) in the same statement.
import "server-only";
import type { Db } from "@/lib/db/client";
import { col, mapRows } from "@/lib/db/row";

/**
 * One transaction-scoped advisory lock per key, taken in the order of `keys` (unnest yields
 * the array in order): callers pass them sorted, so two reservations sharing keys never
 * deadlock. ::text because Prisma cannot deserialise pg_advisory_xact_lock's void result.
 */
export async function lockThrottleKeys({ tx, keys }: { tx: Db; keys: string[] }): Promise<void> {
  await tx.$queryRaw`
    SELECT pg_advisory_xact_lock(hashtextextended('throttle:' || k, 0))::text AS locked
      FROM unnest(${keys}::text[]) AS k`;
}

/** A key's failures and pending attempts since the window opened. */
export type ThrottleWindow = {
  key: string;
  count: number;
  /** The limit-th newest counted attempt (null below the limit): once it leaves the window, the key is under its limit again. */
  pivot: Date | null;
};

/** Keys with no counted attempt in the window return no row. `limits[i]` is the limit of `keys[i]`. */
export async function selectThrottleWindows({
  tx,
  keys,
  limits,
  since,
}: {
  tx: Db;
  keys: string[];
  limits: number[];
  since: Date;
}): Promise<ThrottleWindow[]> {
  const rows = await tx.$queryRaw`
    SELECT r.key, count(a.id)::int AS n, (array_agg(a."createdAt" ORDER BY a."createdAt" DESC))[r.lim] AS pivot
      FROM unnest(${keys}::text[], ${limits}::int[]) AS r(key, lim)
      JOIN "SignInAttempt" a ON a.key = r.key AND a.succeeded = FALSE AND a."createdAt" > ${since}
     GROUP BY r.key, r.lim`;
  return mapRows(rows, (r) => ({ key: col.text(r, "key"), count: col.int(r, "n"), pivot: col.dateOrNull(r, "pivot") }));
}

/** One pending row per key (a pending row counts as a failure until settled); their ids. */
export async function insertPendingAttempts({ tx, keys, now }: { tx: Db; keys: string[]; now: Date }): Promise<bigint[]> {
  const rows = await tx.$queryRaw`
    INSERT INTO "SignInAttempt" (key, succeeded, "createdAt")
    SELECT k, FALSE, ${now} FROM unnest(${keys}::text[]) AS k
    RETURNING id`;
  return mapRows(rows, (r) => col.bigint(r, "id"));
}
