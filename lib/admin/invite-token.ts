// Invitation tokens: 32 random bytes (base64url) in the link, only their SHA-256 stored.
import "server-only";
import crypto from "node:crypto";
import { hashToken } from "@/lib/crypto/hash-token";

export const INVITE_TTL_DAYS = 7;

export function newInviteToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return hashToken(token);
}
