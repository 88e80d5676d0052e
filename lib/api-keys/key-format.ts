// API key format: `tg_` + 40 base62 characters (≈238 bits). Stored as SHA-256 only: with
// that much entropy a slow hash buys nothing, and a fast one keeps every /api/v1 request
// to one indexed lookup. The first 10 characters are kept to tell keys apart in the UI.
import crypto from "node:crypto";
import { hashToken } from "@/lib/crypto/hash-token";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const API_KEY_PATTERN = /^tg_[A-Za-z0-9]{40}$/;

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const bytes = crypto.randomBytes(40);
  // 256 % 62 bias is tiny (4 of 256 values); acceptable for a 40-char secret.
  const body = Array.from(bytes, (b) => ALPHABET[b % 62]).join("");
  const key = `tg_${body}`;
  return { key, prefix: key.slice(0, 10), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return hashToken(key);
}
