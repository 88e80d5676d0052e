// How many sign-in factors (beyond the password) a person has: passkeys and a confirmed
// authenticator app. Zero means the password alone may enrol the first one; any more and
// factor management (adding, removing, recovery codes, the password itself) needs a step-up.
import "server-only";
import { db, type Db } from "@/lib/db/client";

export async function countFactors({ tx = db, userId }: { tx?: Db; userId: string }): Promise<number> {
  const [passkeys, totp] = await Promise.all([
    tx.passkey.count({ where: { userId } }),
    tx.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
  ]);
  return passkeys + totp;
}
