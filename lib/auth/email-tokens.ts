// Mailed single-use links: address verification (24 h) and password reset (30 min). The link
// carries 32 random bytes; only their SHA-256 (lib/crypto/hash-token.ts) is stored, so a
// leaked database row opens nothing. Issuing a token ends the user's earlier unused ones of
// the same purpose (the newest mail is the only one that works), and using one is a single
// conditional UPDATE, so two clicks racing spend it once.
import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { hashToken } from "@/lib/crypto/hash-token";

export type EmailTokenPurpose = "verify_email" | "reset_password";

export const EMAIL_TOKEN_TTL_SECONDS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 60 * 60,
  reset_password: 30 * 60,
};

/** The shape a link's token must have before it is hashed and looked up. */
export const ZEmailTokenSchema = z.string({ error: "This link is not valid." }).regex(/^[A-Za-z0-9_-]{43}$/, "This link is not valid.");

export async function issueEmailToken({
  tx,
  userId,
  purpose,
  now,
}: {
  tx: Db;
  userId: string;
  purpose: EmailTokenPurpose;
  now: Date;
}): Promise<{ token: string; expiresAt: Date }> {
  await tx.emailToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + EMAIL_TOKEN_TTL_SECONDS[purpose] * 1000);
  await tx.emailToken.create({ data: { userId, purpose, tokenHash: hashToken(token), createdAt: now, expiresAt } });
  return { token, expiresAt };
}

export type TokenProblem = "invalid" | "used" | "expired";

/** Who a token belongs to, without spending it (to show the right page before a POST). */
export async function peekEmailToken({
  tx,
  token,
  purpose,
  now,
}: {
  tx: Db;
  token: string;
  purpose: EmailTokenPurpose;
  now: Date;
}): Promise<{ ok: true; userId: string } | { ok: false; problem: TokenProblem }> {
  if (!ZEmailTokenSchema.safeParse(token).success) return { ok: false, problem: "invalid" };
  const row = await tx.emailToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== purpose) return { ok: false, problem: "invalid" };
  if (row.usedAt) return { ok: false, problem: "used" };
  if (row.expiresAt <= now) return { ok: false, problem: "expired" };
  return { ok: true, userId: row.userId };
}

/**
 * Spends a token: succeeds for exactly one caller while it is unused and unexpired. Call it
 * inside the transaction that does what the token allows, so a rollback un-spends it.
 * `userId`, when given, must own the token (a verification link opened in someone else's session).
 */
export async function consumeEmailToken({
  tx,
  token,
  purpose,
  userId,
  now,
}: {
  tx: Db;
  token: string;
  purpose: EmailTokenPurpose;
  userId?: string;
  now: Date;
}): Promise<{ ok: true; userId: string } | { ok: false; problem: TokenProblem | "other_user" }> {
  const peek = await peekEmailToken({ tx, token, purpose, now });
  if (!peek.ok) return peek;
  if (userId !== undefined && peek.userId !== userId) return { ok: false, problem: "other_user" };
  const { count } = await tx.emailToken.updateMany({
    where: { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1 ? { ok: true, userId: peek.userId } : { ok: false, problem: "used" };
}

export const TOKEN_MESSAGES: Record<TokenProblem | "other_user", string> = {
  invalid: "This link is not valid. Check that you copied all of it, or ask for a new one.",
  used: "This link has already been used, or a newer one was sent. Use the latest mail, or ask for a new link.",
  expired: "This link has expired. Ask for a new one.",
  other_user: "This link belongs to another account. Sign out, then open it again and sign in with the account it was sent to.",
};
