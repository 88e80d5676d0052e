// Ids and times the way Stripe writes them: prefixed base62 ids, unix seconds, calendar
// intervals. Pure.
import crypto from "node:crypto";

export const LOCAL_API_VERSION = "2026-10-28.endive";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Stripe-style id: prefix + 24 base62 characters. */
export function stripeId(prefix: string): string {
  const bytes = crypto.randomBytes(24);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

export const toUnix = (d: Date) => Math.floor(d.getTime() / 1000);

export function addInterval(start: Date, interval: "month" | "year"): Date {
  const d = new Date(start);
  if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d;
}
