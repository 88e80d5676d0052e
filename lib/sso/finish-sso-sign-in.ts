// A verified ID token becomes a person in the org: matched by the IdP subject already linked,
// else by the email the IdP says it VERIFIED (and only on a domain this connection serves),
// else provisioned just in time as a member. The browser then gets a single-use ticket, and
// next-auth's "sso" provider (sso-provider.ts) opens the session the way every sign-in does.
import "server-only";
import crypto from "node:crypto";
import { db, type Tx } from "@/lib/db/client";
import { hashToken } from "@/lib/crypto/hash-token";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { emailDomain } from "@/lib/sso/find-connection";
import type { Attempt, IdTokenClaims } from "@/lib/sso/verify-callback";
import type { SsoErrorCode } from "@/lib/sso/sso-errors";

export const TICKET_TTL_MS = 2 * 60 * 1000;

class SsoRefusal extends Error {
  constructor(readonly code: SsoErrorCode) {
    super(code);
  }
}

export type SsoSignInOutcome = { ok: true; ticket: string; returnTo: string } | { ok: false; code: SsoErrorCode; reason: string };

export async function finishSsoSignIn({
  attempt,
  claims,
  now,
}: {
  attempt: Attempt;
  claims: IdTokenClaims;
  now: Date;
}): Promise<SsoSignInOutcome> {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email) return { ok: false, code: "no_email", reason: "no_email" };
  if (claims.email_verified !== true) {
    return { ok: false, code: "email_unverified", reason: `email_unverified:${email}` };
  }
  const domains = await db.ssoDomain.findMany({ where: { connectionId: attempt.connectionId }, select: { domain: true } });
  if (!domains.some((d) => d.domain === emailDomain(email))) {
    return { ok: false, code: "foreign_domain", reason: `foreign_domain:${email}` };
  }
  // Hashed before the transaction (argon2 is slow): a JIT account's password nobody knows.
  // Its owner can set one through "Forgot password?" (the fallback when SSO is turned off).
  const unusablePassword = await hashPassword(crypto.randomBytes(32).toString("base64url"));
  const ticket = crypto.randomBytes(32).toString("base64url");
  try {
    await db.$transaction(async (tx) => {
      const userId = await matchOrProvision({ tx, attempt, claims, email, unusablePassword, now });
      await tx.ssoAttempt.update({
        where: { id: attempt.id },
        data: {
          ticketHash: hashToken(ticket),
          ticketUserId: userId,
          ticketSubject: claims.sub,
          ticketAuthTime: claims.auth_time ? new Date(claims.auth_time * 1000) : now,
          expiresAt: new Date(now.getTime() + TICKET_TTL_MS),
        },
      });
    });
  } catch (err) {
    if (err instanceof SsoRefusal) return { ok: false, code: err.code, reason: err.code };
    throw err;
  }
  return { ok: true, ticket, returnTo: attempt.returnTo };
}

async function matchOrProvision({
  tx,
  attempt,
  claims,
  email,
  unusablePassword,
  now,
}: {
  tx: Tx;
  attempt: Attempt;
  claims: IdTokenClaims;
  email: string;
  unusablePassword: string;
  now: Date;
}): Promise<string> {
  const { connectionId } = attempt;
  const orgId = attempt.connection.orgId;
  const linked = await tx.ssoIdentity.findUnique({ where: { connectionId_subject: { connectionId, subject: claims.sub } } });
  let userId = linked?.userId ?? (await tx.user.findUnique({ where: { email }, select: { id: true } }))?.id;
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 100) : email.split("@")[0]!;
  if (!userId) {
    userId = (await tx.user.create({ data: { email, name, passwordHash: unusablePassword, emailVerifiedAt: now } })).id;
    await recordAuditEvent({ tx, orgId, actor: { type: "user", userId, email }, action: "sso.provision", decision: "created", at: now });
  } else {
    // The IdP verified this address on the org's own domain: as good as our mailed link.
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
  }
  if (!linked) {
    // A user already linked to another subject of this IdP is not re-linked by an email
    // claim: an IdP account renamed onto someone's address must not become them.
    const other = await tx.ssoIdentity.findUnique({ where: { connectionId_userId: { connectionId, userId } } });
    if (other) throw new SsoRefusal("subject_mismatch");
    await tx.ssoIdentity.create({ data: { connectionId, userId, subject: claims.sub } });
  }
  const member = await tx.membership.findUnique({ where: { orgId_userId: { orgId, userId } }, select: { id: true } });
  if (!member) {
    await tx.membership.create({ data: { orgId, userId, role: "member" } });
    await recordAuditEvent({ tx, orgId, actor: { type: "user", userId, email }, action: "sso.join", decision: "created", at: now });
  }
  return userId;
}
