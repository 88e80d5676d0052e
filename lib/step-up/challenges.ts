// WebAuthn challenges live in Postgres (never in memory: two instances must agree), bound
// to the user, the session and the ceremony they were issued for, valid for 5 minutes and
// consumed atomically exactly once. A challenge is consumed *before* the assertion is
// verified, so a failed verification burns it too: every attempt needs a fresh one.
import "server-only";
import crypto from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Db } from "@/lib/db/client";
import { CHALLENGE_TTL_SECONDS } from "@/lib/step-up/config";
import type { ActionId } from "@/lib/licensing/policy";

export type CeremonyKind = "register" | "signin" | "stepup";

export type ChallengeBinding = {
  ceremony: CeremonyKind;
  /** null only for passkey sign-in, where nobody is signed in yet. */
  userId: string | null;
  sessionId: string | null;
};

export type NewChallenge = { challenge: string; bytes: Uint8Array<ArrayBuffer>; expiresAt: Date };

/** A fresh random challenge and its expiry; nothing is stored yet (see challengeInsert). */
export function newChallenge(now: Date): NewChallenge {
  // 32 random bytes. Hand SimpleWebAuthn the bytes (a string would be UTF-8 encoded again);
  // the base64url form is what the browser echoes back in clientDataJSON.
  const bytes = new Uint8Array(crypto.randomBytes(32));
  const challenge = Buffer.from(bytes).toString("base64url");
  return { challenge, bytes, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_SECONDS * 1000) };
}

type ChallengeRow = {
  issued: NewChallenge;
  binding: ChallengeBinding;
  actionId?: ActionId | null;
  apiStepUpRequestId?: string | null;
  now: Date;
};

/**
 * Stores `issued` as an `INSERT … SELECT`, written only when `when` holds: startStepUp
 * embeds it in the statement that also reads the lockout and the user's passkeys.
 */
export function challengeInsert(
  { issued, binding, actionId = null, apiStepUpRequestId = null, now }: ChallengeRow,
  when: Prisma.Sql = Prisma.sql`TRUE`,
): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "WebAuthnChallenge" (id, challenge, ceremony, "userId", "sessionId", "actionId", "apiStepUpRequestId", "expiresAt", "createdAt")
    SELECT ${crypto.randomUUID()}::uuid, ${issued.challenge}, ${binding.ceremony}::"Ceremony", ${binding.userId}::uuid,
           ${binding.sessionId}::uuid, ${actionId}, ${apiStepUpRequestId}::uuid, ${issued.expiresAt}, ${now}
     WHERE ${when}`;
}

export async function issueChallenge({ tx = db, ...row }: Omit<ChallengeRow, "issued"> & { tx?: Db }): Promise<NewChallenge> {
  const issued = newChallenge(row.now);
  await tx.$executeRaw(challengeInsert({ issued, ...row }));
  return issued;
}

export type ConsumeFailure = "challenge_unknown" | "challenge_expired" | "challenge_reused" | "challenge_wrong_binding";
export type ConsumedChallenge = { id: string; actionId: string | null; apiStepUpRequestId: string | null };

/**
 * The atomic step, as one statement: `UPDATE … WHERE <binding> AND unused AND unexpired
 * RETURNING`. Of two concurrent consumers exactly one matches `consumedAt IS NULL` (the
 * loser re-checks the row after the winner commits). Returns at most one ConsumedChallenge
 * row; verifyAssertion embeds it as a CTE next to the passkey lookup.
 */
export function consumeChallengeSql({ challenge, binding, now }: { challenge: string; binding: ChallengeBinding; now: Date }): Prisma.Sql {
  return Prisma.sql`
    UPDATE "WebAuthnChallenge" SET "consumedAt" = ${now}
     WHERE challenge = ${challenge}
       AND ceremony = ${binding.ceremony}::"Ceremony"
       AND "userId" IS NOT DISTINCT FROM ${binding.userId}::uuid
       AND "sessionId" IS NOT DISTINCT FROM ${binding.sessionId}::uuid
       AND "consumedAt" IS NULL
       AND "expiresAt" > ${now}
    RETURNING id, "actionId", "apiStepUpRequestId"`;
}

/** Consumes `challenge` if it was issued for exactly this binding, is unexpired and unused. */
export async function consumeChallenge({
  tx = db,
  challenge,
  binding,
  now,
}: {
  tx?: Db;
  challenge: string;
  binding: ChallengeBinding;
  now: Date;
}): Promise<{ ok: true; challenge: ConsumedChallenge } | { ok: false; reason: ConsumeFailure }> {
  const [row] = await tx.$queryRaw<ConsumedChallenge[]>(consumeChallengeSql({ challenge, binding, now }));
  return row ? { ok: true, challenge: row } : { ok: false, reason: await whyNotConsumed({ tx, challenge, binding, now }) };
}

/**
 * Names the failure for the audit, after the consuming UPDATE matched nothing (so only on
 * the failure path). Decides nothing: the UPDATE already refused.
 */
export async function whyNotConsumed({
  tx = db,
  challenge,
  binding,
  now,
}: {
  tx?: Db;
  challenge: string;
  binding: ChallengeBinding;
  now: Date;
}): Promise<ConsumeFailure> {
  const row = await tx.webAuthnChallenge.findUnique({ where: { challenge } });
  if (!row) return "challenge_unknown";
  if (row.ceremony !== binding.ceremony || row.userId !== binding.userId || row.sessionId !== binding.sessionId) {
    return "challenge_wrong_binding";
  }
  if (row.consumedAt) return "challenge_reused";
  if (row.expiresAt.getTime() <= now.getTime()) return "challenge_expired";
  // Unused and unexpired on re-read: the UPDATE would have matched. Never call it a pass.
  return "challenge_reused";
}

/** The challenge a browser signed, read from clientDataJSON (untrusted until verified). */
export function challengeFromClientData(clientDataJSON: string): string | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    if (parsed && typeof parsed === "object" && "challenge" in parsed && typeof parsed.challenge === "string") {
      return parsed.challenge.length <= 256 ? parsed.challenge : null;
    }
    return null;
  } catch {
    return null;
  }
}
