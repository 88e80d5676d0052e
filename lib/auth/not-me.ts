// "This wasn't me": every security notice carries a link of its own (32 random bytes; only
// their SHA-256 is stored, lib/crypto/hash-token.ts), single use, valid 48 hours — long
// enough for someone who reads mail once a day, short enough that an old mailbox holds no
// live links. A random token whose hash is looked up needs no signature on top: it cannot be
// forged, and unlike a signed one it can be spent once and dies with its user. Unlike a
// reset link, a newer notice does NOT end the older ones' links: each notice may describe a
// different change, and the person must be able to act on any of them.
// Opening the page (GET) changes nothing (mail scanners prefetch links); the click on its
// button (secureAccount, a public action: the person may be signed out, or signed in as the
// attacker) signs out every session, ends every step-up grant and mails a password reset link.
import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { db, type Db } from "@/lib/db/client";
import { hashToken } from "@/lib/crypto/hash-token";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult } from "@/lib/action-result";
import { revokeGrants } from "@/lib/step-up/revoke-grants";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import type { PublicBodyArgs } from "@/lib/guard/session-action";
import { logger } from "@/lib/log";

export const NOT_ME_TTL_SECONDS = 48 * 60 * 60;

export const ZNotMeTokenSchema = z.string({ error: "This link is not valid." }).regex(/^[A-Za-z0-9_-]{43}$/, "This link is not valid.");
export const ZSecureAccountSchema = z.object({ token: ZNotMeTokenSchema }).strict();

export async function issueNotMeToken({ tx = db, userId, now }: { tx?: Db; userId: string; now: Date }): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + NOT_ME_TTL_SECONDS * 1000);
  await tx.notMeToken.create({ data: { userId, tokenHash: hashToken(token), createdAt: now, expiresAt } });
  return token;
}

export type NotMeProblem = "invalid" | "used" | "expired";
export const NOT_ME_MESSAGES: Record<NotMeProblem, string> = {
  invalid: "This link is not valid. Check that you copied all of it.",
  used: "This link has already been used: your account was secured then. If something still looks wrong, reset your password.",
  expired: "This link has expired (they work for 48 hours). If something looks wrong, reset your password now.",
};

/** Whose link it is, without spending it (the page shows the address before the click). */
export async function peekNotMeToken({ tx = db, token, now }: { tx?: Db; token: string; now: Date }) {
  if (!ZNotMeTokenSchema.safeParse(token).success) return { ok: false, problem: "invalid" } as const;
  const row = await tx.notMeToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { userId: true, usedAt: true, expiresAt: true },
  });
  if (!row) return { ok: false, problem: "invalid" } as const;
  if (row.usedAt) return { ok: false, problem: "used" } as const;
  if (row.expiresAt <= now) return { ok: false, problem: "expired" } as const;
  return { ok: true, userId: row.userId } as const;
}

/** The click: spend the link, sign out everywhere, end every grant, then mail a reset link. */
export async function secureAccount({
  input,
  ip,
  now,
}: PublicBodyArgs): Promise<ActionResult<{ email: string; sessionsSignedOut: number }>> {
  const parsed = ZSecureAccountSchema.safeParse(input);
  if (!parsed.success) return refuse(invalid(fieldsFromZod(parsed.error.issues), NOT_ME_MESSAGES.invalid));
  const outcome = await db.$transaction(async (tx) => {
    const peek = await peekNotMeToken({ tx, token: parsed.data.token, now });
    if (!peek.ok) return peek;
    const { count } = await tx.notMeToken.updateMany({
      where: { tokenHash: hashToken(parsed.data.token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count !== 1) return { ok: false, problem: "used" } as const;
    const userId = peek.userId;
    const sessions = await tx.session.updateMany({
      where: { userId, revokedAt: null },
      data: { revokedAt: now, revokedReason: "revoked_by_user" },
    });
    // Every grant of the user, API-key grants it approved included: whoever changed the
    // account may have stepped up since.
    const grantsRevoked = await revokeGrants({
      tx,
      scope: { userId },
      reason: "session_revoked_by_user",
      actor: { type: "user", userId },
      detail: { cause: "not_me" },
      now,
    });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    await recordAuditEvent({
      tx,
      orgId: null,
      actor: { type: "user", userId, email: user.email },
      action: "auth.not_me",
      decision: "revoked",
      detail: { sessionsSignedOut: sessions.count, grantsRevoked },
      ip,
      at: now,
    });
    return { ok: true, userId, email: user.email, sessionsSignedOut: sessions.count } as const;
  });
  if (!outcome.ok) return refuse(invalid({ token: NOT_ME_MESSAGES[outcome.problem] }, NOT_ME_MESSAGES[outcome.problem]));
  logger.info(
    { event: "auth.not_me", userId: outcome.userId, sessionsSignedOut: outcome.sessionsSignedOut },
    "account secured from a notice",
  );
  // The reset request's own body: its throttle, its token, its mail after the response.
  const reset = await requestPasswordReset({ input: { email: outcome.email }, ip, now });
  if (!reset.ok) logger.warn({ event: "auth.not_me_reset_refused", userId: outcome.userId }, "reset after not-me refused");
  return ok({ email: outcome.email, sessionsSignedOut: outcome.sessionsSignedOut });
}
