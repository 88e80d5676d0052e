// Recovery codes: 10 per account, each single use, only ever a way to REPLACE a lost factor
// (lib/factors/recovery-redeem.ts), never a step-up. Shown once, when issued; stored as
// argon2id hashes, not as lib/crypto/hash-token.ts's SHA-256: a code carries 50 bits (short
// enough to type from paper), and a fast hash of 50 bits falls to an offline search once the
// table leaks, while argon2id's memory cost per guess puts it out of reach. Online guessing
// is bounded by the shared throttle (lib/auth/secret-attempt.ts), which reserves the attempt
// before these (at most ten) hashes are checked. The user id goes into what is hashed, so a
// row copied onto another account matches nothing there.
import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { db, type Db } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { lockUser } from "@/lib/step-up/step-up-sql";

export const RECOVERY_CODE_COUNT = 10;
/** Crockford's base32: no I, L, O, U, so a code read off paper has one spelling. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 10; // 10 × 5 bits

/** Upper case, no spaces or dashes, and the letters people confuse read as the digits they look like. */
export function normaliseRecoveryCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

export const ZRecoveryCodeSchema = z
  .string({ error: "Enter one of your recovery codes." })
  .max(64, "Recovery codes are 10 letters and digits, like 7KQ2M-XW9TD.")
  .transform(normaliseRecoveryCode)
  .refine((code) => code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)), {
    message: "Recovery codes are 10 letters and digits, like 7KQ2M-XW9TD.",
  });

function newCode(): string {
  const bytes = crypto.randomBytes(CODE_LENGTH);
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

/** How a code is shown: two groups of five. */
export const formatRecoveryCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

const hashInput = (userId: string, code: string) => `${userId}:${code}`;

/**
 * A fresh set: the old codes (used or not) are deleted and 10 new ones stored. Returns them
 * formatted, the only time they exist in clear. Call inside the transaction that decided it.
 */
export async function issueRecoveryCodes({ tx, userId, now }: { tx: Db; userId: string; now: Date }): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  const hashes = await Promise.all(codes.map((code) => hashPassword(hashInput(userId, code))));
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash, createdAt: now })) });
  return codes.map(formatRecoveryCode);
}

/**
 * THE hook both enrolment paths call (passkey: lib/step-up/register-passkey.ts; TOTP: engineer
 * "factors"), inside the enrolment's transaction, after the factor row is written: an
 * account that has never had recovery codes gets its set now, and the caller shows them once.
 * Returns null when the account already has a set (a later factor, or a replacement after a
 * code was spent: the remaining codes stay valid, and Regenerate makes a new set).
 */
export async function issueRecoveryCodesIfFirstFactor({
  tx,
  userId,
  now,
}: {
  tx: Db;
  userId: string;
  now: Date;
}): Promise<string[] | null> {
  // Under the user's row lock, so two first enrolments racing issue one set.
  await lockUser({ tx, userId });
  if ((await tx.recoveryCode.count({ where: { userId } })) > 0) return null;
  return issueRecoveryCodes({ tx, userId, now });
}

/** The unused code `code` matches, or null. Writes nothing (the caller spends it). */
export async function findRecoveryCode({ tx = db, userId, code }: { tx?: Db; userId: string; code: string }): Promise<string | null> {
  const rows = await tx.recoveryCode.findMany({ where: { userId, usedAt: null }, select: { id: true, codeHash: true } });
  const matches = await Promise.all(rows.map((r) => verifyPassword(r.codeHash, hashInput(userId, code))));
  return rows[matches.indexOf(true)]?.id ?? null;
}

/** Spends a code: exactly one of two concurrent spenders gets true. */
export async function spendRecoveryCode({ tx, codeId, now }: { tx: Db; codeId: string; now: Date }): Promise<boolean> {
  const { count } = await tx.recoveryCode.updateMany({ where: { id: codeId, usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

export type RecoveryCodeStatus = { total: number; remaining: number; generatedAt: Date | null };

export async function recoveryCodeStatus({ tx = db, userId }: { tx?: Db; userId: string }): Promise<RecoveryCodeStatus> {
  const rows = await tx.recoveryCode.findMany({ where: { userId }, select: { usedAt: true, createdAt: true } });
  return {
    total: rows.length,
    remaining: rows.filter((r) => r.usedAt === null).length,
    generatedAt: rows[0]?.createdAt ?? null,
  };
}
