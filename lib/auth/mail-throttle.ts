// Limits on what sends mail without a password: sign-up (per IP), password-reset requests
// (per address and per IP) and verification resends (per account and per IP). Every request
// counts (rows are never settled as successes), in the shared attempt table and its window
// machinery (lib/auth/throttle.ts), so every instance sees the same counts. Keys are prefixed
// so these budgets never mix with the password-guessing ones. The per-address limit applies
// to any string, registered or not: a throttled unknown address looks like a known one.
import "server-only";
import { reserveAttempt, type ThrottleRule } from "@/lib/auth/throttle";
import { env } from "@/lib/env";

// Within the attempt table's retention (lib/ops/prune-expired.ts keeps rows for an hour).
export const MAIL_WINDOW_SECONDS = 15 * 60;
export const RESETS_PER_EMAIL = 3;
export const RESETS_PER_IP = 10;
export const VERIFY_RESENDS_PER_USER = 3;
export const VERIFY_RESENDS_PER_IP = 10;

export type MailThrottle = { ok: true } | { ok: false; retryAfter: number; message: string };

export function throttleSignUp({ ip, now }: { ip: string | null; now: Date }) {
  return reserve(ip === null ? [] : [{ key: `signup-ip:${ip}`, limit: env().SIGN_UPS_PER_IP }], now);
}

export function throttleResetRequest({ email, ip, now }: { email: string; ip: string | null; now: Date }) {
  const rules = [{ key: `reset-email:${email}`, limit: RESETS_PER_EMAIL }];
  if (ip !== null) rules.push({ key: `reset-ip:${ip}`, limit: RESETS_PER_IP });
  return reserve(rules, now);
}

export function throttleVerifyResend({ userId, ip, now }: { userId: string; ip: string | null; now: Date }) {
  const rules = [{ key: `verify-user:${userId}`, limit: VERIFY_RESENDS_PER_USER }];
  if (ip !== null) rules.push({ key: `verify-ip:${ip}`, limit: VERIFY_RESENDS_PER_IP });
  return reserve(rules, now);
}

async function reserve(rules: ThrottleRule[], now: Date): Promise<MailThrottle> {
  if (rules.length === 0) return { ok: true };
  const reserved = await reserveAttempt({ rules, windowSeconds: MAIL_WINDOW_SECONDS, now });
  if (reserved.ok) return { ok: true };
  const minutes = Math.max(1, Math.ceil(reserved.retryAfter / 60));
  return {
    ok: false,
    retryAfter: reserved.retryAfter,
    message: `Too many requests. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  };
}
