// The one SHA-256 in tiergate: secrets we only ever compare (invite and export-ticket tokens,
// API keys) are stored as this digest, and the idempotency record keys its input the same
// way. Every such secret carries ≥ 192 random bits, so a slow hash buys nothing and a fast
// one keeps each lookup to one indexed equality. Pure (no `server-only`): scripts use it too.
import crypto from "node:crypto";

/** Lowercase hex SHA-256 of `value` (UTF-8). */
export function hashToken(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}
