// The password throttle: the sign-in limits, applied to EVERY password check (sign-in,
// password change, passkey enrolment: see check-password.ts), so a guess through any door
// spends the same budget. Per email (the account) and per IP, in a sliding window; the
// refusal is the same whether the email exists.
import "server-only";
import { reserveAttempt, type ReserveResult } from "@/lib/auth/throttle";

export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

export const emailKey = (email: string) => `email:${email}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Reserves one password attempt for (email, ip) before the hash is checked. `ip` is null
 * only for callers with no request (tests, scripts): the account's limit still applies.
 */
export function reservePasswordAttempt({ email, ip, now }: { email: string; ip: string | null; now: Date }): Promise<ReserveResult> {
  const rules = [{ key: emailKey(email), limit: MAX_FAILURES_PER_EMAIL }];
  if (ip !== null) rules.push({ key: ipKey(ip), limit: MAX_FAILURES_PER_IP });
  return reserveAttempt({
    rules,
    windowSeconds: SIGN_IN_WINDOW_SECONDS,
    now,
  });
}

export function throttledMessage(retryAfter: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  return `Too many password attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
