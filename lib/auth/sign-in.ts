// Password sign-in: throttle, verify, and open a Session row whose id becomes the JWT's sid.
import "server-only";
import { db } from "@/lib/db/client";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { ZSignInSchema } from "@/lib/auth/schemas";
import { recordSignInAttempt, signInRetryAfter } from "@/lib/auth/sign-in-throttle";
import { openSession } from "@/lib/auth/sessions";
import { logger } from "@/lib/log";
import { now as clockNow } from "@/lib/clock";

export type SignInOutcome =
  | { ok: true; userId: string; sid: string }
  | { ok: false; reason: "invalid_credentials" | "throttled"; retryAfter?: number };

export async function signInWithPassword({
  input,
  ip,
  userAgent,
}: {
  input: unknown;
  ip: string;
  userAgent: string;
}): Promise<SignInOutcome> {
  const parsed = ZSignInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid_credentials" };
  const { email, password } = parsed.data;

  const retryAfter = await signInRetryAfter({ email, ip, now: await clockNow() });
  if (retryAfter > 0) {
    logger.warn({ event: "auth.sign_in_throttled", ip }, "sign-in throttled");
    return { ok: false, reason: "throttled", retryAfter };
  }

  const user = await db.user.findUnique({ where: { email } });
  // Verify against a dummy hash for unknown emails so timing does not reveal existence.
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) {
    await recordSignInAttempt({ email, ip, succeeded: false });
    logger.info({ event: "auth.sign_in_failed", ip }, "sign-in failed");
    return { ok: false, reason: "invalid_credentials" };
  }
  await recordSignInAttempt({ email, ip, succeeded: true });
  const session = await openSession({ userId: user.id, ip, userAgent });
  logger.info({ event: "auth.signed_in", userId: user.id, sid: session.id }, "signed in");
  return { ok: true, userId: user.id, sid: session.id };
}
