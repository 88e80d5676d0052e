// Require SSO, at sign-in: when a person signs in through the org's IdP while the org requires
// it, their other sessions looking at that org which did NOT come through that IdP end (reason
// "sso_required"), with their step-up grants. Such a session can no longer act in the org
// (the guard refuses it `sso_required`), except an owner's, which keeps break-glass; once the
// owner has come back through the IdP, an old password session left in another browser is
// exposure with no use, so it ends too.
// Sessions looking at another org are left alone: a session belongs to the person, not the
// org, and the person may be working elsewhere in it. Decided here, not in the guard: the
// guard judges each request, this ends what the person can no longer use.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { revokeGrants } from "@/lib/step-up/revoke-grants";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getLicense } from "@/lib/licensing/get-license";
import { ssoOnPlan } from "@/lib/sso/sso-on-plan";

/** @returns how many sessions ended. */
export async function endSessionsOutsideSso({
  tx,
  userId,
  keepSessionId,
  connection,
  now,
}: {
  tx: Tx;
  userId: string;
  /** The session the sign-in just opened. */
  keepSessionId: string;
  connection: { id: string; orgId: string; requireSso: boolean };
  now: Date;
}): Promise<number> {
  if (!connection.requireSso) return 0;
  // A plan without `sso` makes the switch inert (lib/licensing/sso-standing.ts).
  if (!ssoOnPlan((await getLicense({ tx, orgId: connection.orgId, now })).plan)) return 0;
  const ended = await tx.session.updateManyAndReturn({
    where: {
      userId,
      currentOrgId: connection.orgId,
      revokedAt: null,
      id: { not: keepSessionId },
      OR: [{ ssoConnectionId: null }, { ssoConnectionId: { not: connection.id } }],
    },
    data: { revokedAt: now, revokedReason: "sso_required" },
    select: { id: true },
  });
  if (ended.length === 0) return 0;
  const actor = { type: "user" as const, userId };
  for (const { id } of ended) await revokeGrants({ tx, scope: { sessionId: id }, reason: "session_sso_required", actor, now });
  const sessionIds = ended.map((s) => s.id);
  await recordAuditEvent({
    tx,
    orgId: connection.orgId,
    actor,
    action: "sso.sessions_ended",
    decision: "revoked",
    detail: { sessionIds },
    at: now,
  });
  logger.info({ event: "session.revoked_sso_required", userId, orgId: connection.orgId, count: ended.length }, "sessions revoked");
  return ended.length;
}
