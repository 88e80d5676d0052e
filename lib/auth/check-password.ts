// THE password check. Every place that verifies a password (sign-in, password change,
// passkey enrolment, anything later) calls this, so every guess spends one budget:
//   reserve an attempt for (email, ip) → argon2 verify → settle.
// The reservation comes before argon2, so concurrent guesses cannot outrun the count.
// A check behind a signed-in session (`account: { userId }`) also counts toward the user's
// step-up lockout and is refused while it holds: whoever holds a stolen cookie meets one
// lockout across every check it can reach, passkey assertions included.
import "server-only";
import { db } from "@/lib/db/client";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { emailKey, reservePasswordAttempt, throttledMessage } from "@/lib/auth/sign-in-throttle";
import { settleAttempt } from "@/lib/auth/throttle";
import { lockedMessage, recordStepUpFailure, stepUpLock } from "@/lib/step-up/lockout";
import { logger } from "@/lib/log";

/** Who claims to know the password: an email at sign-in, or a signed-in user. */
export type PasswordAccount = { email: string } | { userId: string; orgId: string | null };

export type PasswordCheck =
  | { ok: true; userId: string }
  | { ok: false; reason: "wrong_password" }
  | { ok: false; reason: "throttled" | "locked"; retryAfter: number; message: string };

export async function checkPassword({
  account,
  password,
  ip,
  now,
}: {
  account: PasswordAccount;
  password: string;
  /** null only without a request (tests, scripts): see reservePasswordAttempt. */
  ip: string | null;
  now: Date;
}): Promise<PasswordCheck> {
  const signedIn = "userId" in account ? account : null;
  if (signedIn) {
    const lock = await stepUpLock({ userId: signedIn.userId, now });
    if (lock) return { ok: false, reason: "locked", retryAfter: lock.retryAfter, message: lock.message };
  }
  const user = await findAccount(account);
  // A signed-in user always exists; at sign-in an unknown email is throttled and hashed
  // exactly like a known one, so neither the refusal nor the timing says which it was.
  const email = user?.email ?? ("email" in account ? account.email : `user:${signedIn?.userId}`);

  const reserved = await reservePasswordAttempt({ email, ip, now });
  if (!reserved.ok) {
    logger.warn({ event: "auth.password_throttled", ip, userId: signedIn?.userId }, "password check throttled");
    return { ok: false, reason: "throttled", retryAfter: reserved.retryAfter, message: throttledMessage(reserved.retryAfter) };
  }
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  const succeeded = valid && user !== null;
  // The right password clears the account's failures, never the IP's (one good account must
  // not launder an IP that is guessing others).
  await settleAttempt({ reservation: reserved.reservation, succeeded, clearKeys: [emailKey(email)] });
  if (succeeded) return { ok: true, userId: user.id };

  if (signedIn) {
    const { lockedFor } = await recordStepUpFailure({
      userId: signedIn.userId,
      orgId: signedIn.orgId,
      reason: "password_mismatch",
      now,
      ip,
    });
    if (lockedFor > 0) return { ok: false, reason: "locked", retryAfter: lockedFor, message: lockedMessage(lockedFor) };
  }
  return { ok: false, reason: "wrong_password" };
}

function findAccount(account: PasswordAccount) {
  const select = { id: true, email: true, passwordHash: true } as const;
  return "email" in account
    ? db.user.findUnique({ where: { email: account.email }, select })
    : db.user.findUnique({ where: { id: account.userId }, select });
}
