// The one reversible encryption in tiergate: secrets the server must use again (an SSO
// connection's client secret; TOTP seeds) are sealed with AES-256-GCM under ENCRYPTION_KEY.
// `context` is authenticated (AAD), not stored: a sealed value copied onto another row (another
// org's connection) fails to open. Format: "v1.<iv>.<tag>.<ciphertext>", base64url parts.
// Outside production an unset key derives from NEXTAUTH_SECRET (dev and tests need no setup).
// In production an unset key refuses to seal or open (SecretBoxKeyMissing, a clear message for
// the owner's form) rather than refusing to boot: a deployment without SSO needs no key.
import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/env";

export class SecretBoxKeyMissing extends Error {
  constructor() {
    super("ENCRYPTION_KEY is not set: this server cannot store secrets (set 32 random bytes, base64: openssl rand -base64 32)");
  }
}

function key(): Buffer {
  const { ENCRYPTION_KEY, NEXTAUTH_SECRET, NODE_ENV } = env();
  if (ENCRYPTION_KEY) return Buffer.from(ENCRYPTION_KEY, "base64");
  if (NODE_ENV === "production") throw new SecretBoxKeyMissing();
  return Buffer.from(crypto.hkdfSync("sha256", NEXTAUTH_SECRET, "tiergate", "secret-box dev key", 32));
}

export function sealSecret(plaintext: string, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Throws on a wrong key, a wrong context or a tampered value: never returns garbage. */
export function openSecret(sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("secret-box: not a sealed value");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
