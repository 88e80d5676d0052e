// Password sign-in: the one password check (throttled before argon2 runs), then a Session
// row whose id becomes the JWT's sid.
import "server-only";
import { checkPassword } from "@/lib/auth/check-password";
import { ZSignInSchema } from "@/lib/auth/schemas";
import { openSession } from "@/lib/auth/sessions";
import { logger } from "@/lib/log";
import { now as clockNow } from "@/lib/clock";

export type SignInOutcome =
  { ok: true; userId: string; sid: string } | { ok: false; reason: "invalid_credentials" | "throttled"; retryAfter?: number };

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

  const check = await checkPassword({ account: { email }, password, ip, now: await clockNow() });
  if (!check.ok) {
    // Without a session there is no step-up lockout, so "locked" cannot happen here.
    if (check.reason !== "wrong_password") return { ok: false, reason: "throttled", retryAfter: check.retryAfter };
    logger.info({ event: "auth.sign_in_failed", ip }, "sign-in failed");
    return { ok: false, reason: "invalid_credentials" };
  }
  const session = await openSession({ userId: check.userId, ip, userAgent });
  logger.info({ event: "auth.signed_in", userId: check.userId, sid: session.id }, "signed in");
  return { ok: true, userId: check.userId, sid: session.id };
}
