// WebAuthn challenges live in Postgres (never in memory: two instances must agree), bound
// to the user, the session and the ceremony they were issued for, valid for 5 minutes and
// consumed atomically exactly once. A challenge is consumed *before* the assertion is
// verified, so a failed verification burns it too: every attempt needs a fresh one.
import "server-only";
import crypto from "node:crypto";
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

export async function issueChallenge({
  tx = db,
  binding,
  actionId = null,
  apiStepUpRequestId = null,
  now,
}: {
  tx?: Db;
  binding: ChallengeBinding;
  actionId?: ActionId | null;
  apiStepUpRequestId?: string | null;
  now: Date;
}): Promise<{ challenge: string; bytes: Uint8Array<ArrayBuffer>; expiresAt: Date }> {
  // 32 random bytes. Hand SimpleWebAuthn the bytes (a string would be UTF-8 encoded again);
  // the base64url form is what the browser echoes back in clientDataJSON.
  const bytes = new Uint8Array(crypto.randomBytes(32));
  const challenge = Buffer.from(bytes).toString("base64url");
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_SECONDS * 1000);
  await tx.webAuthnChallenge.create({
    data: {
      challenge,
      ceremony: binding.ceremony,
      userId: binding.userId,
      sessionId: binding.sessionId,
      actionId,
      apiStepUpRequestId,
      expiresAt,
      createdAt: now,
    },
  });
  return { challenge, bytes, expiresAt };
}

export type ConsumeFailure = "challenge_unknown" | "challenge_expired" | "challenge_reused" | "challenge_wrong_binding";
export type ConsumedChallenge = { id: string; actionId: string | null; apiStepUpRequestId: string | null };

/**
 * Consumes `challenge` if it was issued for exactly this binding, is unexpired and unused.
 * The conditional UPDATE is the atomic step: of two concurrent consumers exactly one
 * matches `consumedAt IS NULL`. The preceding read only names the failure for the audit.
 */
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
  const row = await tx.webAuthnChallenge.findUnique({ where: { challenge } });
  if (!row) return { ok: false, reason: "challenge_unknown" };
  if (row.ceremony !== binding.ceremony || row.userId !== binding.userId || row.sessionId !== binding.sessionId) {
    return { ok: false, reason: "challenge_wrong_binding" };
  }
  if (row.consumedAt) return { ok: false, reason: "challenge_reused" };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "challenge_expired" };

  const { count } = await tx.webAuthnChallenge.updateMany({
    where: {
      id: row.id,
      ceremony: binding.ceremony,
      userId: binding.userId,
      sessionId: binding.sessionId,
      consumedAt: null,
      expiresAt: { gt: now },
    },
    data: { consumedAt: now },
  });
  if (count !== 1) return { ok: false, reason: "challenge_reused" };
  return { ok: true, challenge: { id: row.id, actionId: row.actionId, apiStepUpRequestId: row.apiStepUpRequestId } };
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
