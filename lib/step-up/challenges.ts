// WebAuthn challenges live in Postgres (never in memory: two instances must agree), bound
// to the user, the session and the ceremony they were issued for, valid for 5 minutes and
// consumed atomically exactly once. A challenge is consumed *before* the assertion is
// verified, so a failed verification burns it too: every attempt needs a fresh one.
import "server-only";
import crypto from "node:crypto";
import { db, type Db } from "@/lib/db/client";
import { CHALLENGE_TTL_SECONDS } from "@/lib/step-up/config";
import type { ActionId } from "@/lib/licensing/policy";
import { consumeChallengeRow, insertChallenge, type ChallengeBinding, type ConsumedChallenge } from "@/lib/step-up/step-up-sql";

export type { CeremonyKind, ChallengeBinding, ConsumedChallenge } from "@/lib/step-up/step-up-sql";

export type NewChallenge = { challenge: string; bytes: Uint8Array<ArrayBuffer>; expiresAt: Date };

/** A fresh random challenge and its expiry; nothing is stored yet (see challengeRow). */
export function newChallenge(now: Date): NewChallenge {
  // 32 random bytes. Hand SimpleWebAuthn the bytes (a string would be UTF-8 encoded again);
  // the base64url form is what the browser echoes back in clientDataJSON.
  const bytes = new Uint8Array(crypto.randomBytes(32));
  const challenge = Buffer.from(bytes).toString("base64url");
  return { challenge, bytes, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_SECONDS * 1000) };
}

type ChallengeRow = {
  binding: ChallengeBinding;
  actionId?: ActionId | null;
  apiStepUpRequestId?: string | null;
  now: Date;
};

/** The challenge row for `issued` (startStepUp stores it in its own statement). */
export function challengeRow({
  issued,
  binding,
  actionId = null,
  apiStepUpRequestId = null,
  now,
}: ChallengeRow & { issued: NewChallenge }) {
  return { challenge: issued.challenge, expiresAt: issued.expiresAt, binding, actionId, apiStepUpRequestId, now };
}

export async function issueChallenge({ tx = db, ...row }: ChallengeRow & { tx?: Db }): Promise<NewChallenge> {
  const issued = newChallenge(row.now);
  await insertChallenge({ tx, row: challengeRow({ issued, ...row }) });
  return issued;
}

export type ConsumeFailure = "challenge_unknown" | "challenge_expired" | "challenge_reused" | "challenge_wrong_binding";

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
  const row = await consumeChallengeRow({ tx, challenge, binding, now });
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
