// THE TOTP check for a signed-in person: under the one budget shared with the password and
// recovery codes (lib/auth/secret-attempt.ts: the step-up lockout, then a reservation on the
// password's keys BEFORE the code is looked at), and each time step accepted once: the step
// is recorded by an update that only succeeds when it is newer than the last one used, so
// the same code twice (even two requests racing) passes once. A reused code counts as a
// failure like a wrong one, but says what happened.
import "server-only";
import { db } from "@/lib/db/client";
import { attemptSecret, type SecretAttempt } from "@/lib/auth/secret-attempt";
import { matchTotpStep, openTotpSecret } from "@/lib/factors/totp-code";

export type TotpCheck =
  | Exclude<SecretAttempt<{ step: number }>, { reason: "wrong" }>
  | { ok: false; reason: "wrong" | "reused"; message: string }
  | { ok: false; reason: "not_enrolled"; message: string };

export const WRONG_CODE = "That code is not right. Check the time on your phone and enter the current code.";
export const REUSED_CODE = "That code was already used. Wait for the next one (it changes every 30 seconds) and enter it.";

/** Checks `code` against the user's confirmed authenticator app and spends its step. */
export async function checkTotp({
  userId,
  orgId,
  code,
  ip,
  now,
}: {
  userId: string;
  orgId: string | null;
  code: string;
  ip: string | null;
  now: Date;
}): Promise<TotpCheck> {
  const factor = await db.totpFactor.findUnique({ where: { userId }, select: { secretSealed: true, confirmedAt: true } });
  // Nothing to guess against: not an attempt, nothing counted.
  if (!factor?.confirmedAt) return { ok: false, reason: "not_enrolled", message: "You have no authenticator app set up." };
  let reused = false;
  const attempt = await attemptSecret({
    userId,
    orgId,
    ip,
    now,
    failureReason: "totp_mismatch",
    check: async () => {
      const step = await matchTotpStep({ secret: openTotpSecret(factor.secretSealed, userId), code, now });
      if (step === null) return null;
      if (!(await spendStep({ userId, step, now }))) {
        reused = true;
        return null;
      }
      return { step };
    },
  });
  if (attempt.ok || attempt.reason !== "wrong") return attempt;
  return { ok: false, reason: reused ? "reused" : "wrong", message: reused ? REUSED_CODE : WRONG_CODE };
}

/** Records `step` as used; false when it (or a later one) already was. */
async function spendStep({ userId, step, now }: { userId: string; step: number; now: Date }): Promise<boolean> {
  const { count } = await db.totpFactor.updateMany({
    where: { userId, confirmedAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step, lastUsedAt: now },
  });
  return count === 1;
}
