// The one writer of grant revocation. Grants die when what they stood on goes away: the
// session (sign-out, expiry, an admin), the password, the passkey, the API key, the
// membership, or the plan they were issued under. Every one of those calls this, so every
// revocation is one UPDATE on the clock its caller decided with and one audit event per org.
import "server-only";
import type { Db } from "@/lib/db/client";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { RevokeReason } from "@/lib/auth/sessions";
import type { StepUpMethod } from "@/lib/licensing/policy";

export type GrantRevokeReason =
  | "password_changed"
  | "password_reset"
  | "passkey_removed"
  | "totp_removed"
  | "plan_changed"
  | "api_key_revoked"
  | "user_removed"
  | `session_${RevokeReason}`;

/** Which live grants die: every grant of one holder, user, passkey, key or org (or a user in one org, or a user's from one method). */
export type GrantScope =
  | { sessionId: string }
  | { apiKeyId: string }
  | { passkeyId: string }
  | { userId: string; orgId?: string }
  | { userId: string; method: StepUpMethod }
  | { orgId: string };

/** @returns how many live grants were revoked. */
export async function revokeGrants({
  tx,
  scope,
  reason,
  actor,
  detail = {},
  now,
}: {
  tx: Db;
  scope: GrantScope;
  reason: GrantRevokeReason;
  /** Who caused it; "anonymous" for the system (a webhook, the lapse sweep). */
  actor: AuditActor;
  /** Extra audit detail beside { reason, grantIds }. */
  detail?: Record<string, unknown>;
  now: Date;
}): Promise<number> {
  const revoked = await tx.stepUpGrant.updateManyAndReturn({
    where: { ...scope, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
    select: { id: true, orgId: true },
  });
  const byOrg = new Map<string, string[]>();
  for (const g of revoked) byOrg.set(g.orgId, [...(byOrg.get(g.orgId) ?? []), g.id]);
  for (const [orgId, grantIds] of byOrg) {
    await recordAuditEvent({
      tx,
      orgId,
      actor,
      action: "step_up.grant_revoked",
      decision: "revoked",
      method: "webauthn",
      detail: { reason, ...detail, grantIds },
      at: now,
    });
  }
  return revoked.length;
}
