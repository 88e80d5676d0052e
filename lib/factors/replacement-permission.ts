// The factor-replacement permission: what a spent recovery code buys. It is NOT a step-up
// grant and nothing in the guard reads it (a recovery code must never satisfy a data
// action); it lets exactly one session enrol exactly one new factor without a step-up, for
// 10 minutes, after which the person steps up with the factor they just enrolled. Bound to
// the session that redeemed the code: another browser (a stolen cookie elsewhere, or the
// person's own other device) cannot use it, and it dies with its session (the FK cascades).
// Enrolment paths: a passkey (lib/step-up/register-passkey.ts); a TOTP app (engineer "factors":
// check `liveReplacement` at start and call `consumeReplacement({ use: "totp" })` in the
// confirming transaction).
import "server-only";
import { db, type Db } from "@/lib/db/client";

export const REPLACEMENT_TTL_SECONDS = 10 * 60;

/** What a permission was spent on (FactorReplacement.usedFor's CHECK). */
export type ReplacementUse = "passkey" | "totp";

type Holder = { userId: string; sessionId: string };

export async function grantReplacement({
  tx,
  userId,
  sessionId,
  recoveryCodeId,
  now,
}: Holder & { tx: Db; recoveryCodeId: string; now: Date }): Promise<{ expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + REPLACEMENT_TTL_SECONDS * 1000);
  await tx.factorReplacement.create({ data: { userId, sessionId, recoveryCodeId, createdAt: now, expiresAt } });
  return { expiresAt };
}

const liveWhere = ({ userId, sessionId }: Holder, now: Date) => ({ userId, sessionId, usedAt: null, expiresAt: { gt: now } });

/** The session's unspent, unexpired permission (its expiry), or null. */
export async function liveReplacement({ tx = db, now, ...holder }: Holder & { tx?: Db; now: Date }): Promise<{ expiresAt: Date } | null> {
  return tx.factorReplacement.findFirst({ where: liveWhere(holder, now), orderBy: { expiresAt: "desc" }, select: { expiresAt: true } });
}

/**
 * Spends the session's permission on one enrolment, inside the enrolment's transaction (a
 * rollback un-spends it). Exactly one of two racing enrolments gets true.
 */
export async function consumeReplacement({
  tx,
  now,
  use,
  ...holder
}: Holder & { tx: Db; now: Date; use: ReplacementUse }): Promise<boolean> {
  const live = await tx.factorReplacement.findFirst({
    where: liveWhere(holder, now),
    orderBy: { expiresAt: "desc" },
    select: { id: true },
  });
  if (!live) return false;
  const { count } = await tx.factorReplacement.updateMany({
    where: { id: live.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now, usedFor: use },
  });
  return count === 1;
}
