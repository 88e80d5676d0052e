// The audit trail: one row per security-relevant decision (step-up success/failure, grant
// revocation, lockout, every guarded action allowed or refused). The admin console reads
// this table; rows are append-only. Pass `tx` to make the event commit or roll back with
// the change it describes; refusals are recorded outside the (rolled back) transaction.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditActor =
  | { type: "user"; userId: string; email?: string | null }
  | { type: "api_key"; apiKeyId: string; userId?: string | null }
  | { type: "anonymous" };

export type AuditDecision = "allowed" | "refused" | "succeeded" | "failed" | "revoked" | "locked" | "created";

export async function recordAuditEvent({
  tx = db,
  orgId,
  actor,
  action,
  decision,
  method = null,
  detail = {},
  ip = null,
  at,
}: {
  tx?: Db;
  orgId: string | null;
  actor: AuditActor;
  /** What happened, e.g. an action id ("exports.csv") or an event ("step_up.verify"). */
  action: string;
  decision: AuditDecision;
  method?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
  /** Server time of the decision (the injectable clock); defaults to the database's now(). */
  at?: Date;
}): Promise<void> {
  const actorUserId = actor.type === "user" ? actor.userId : actor.type === "api_key" ? (actor.userId ?? null) : null;
  const fullDetail = actor.type === "api_key" ? { ...detail, apiKeyId: actor.apiKeyId } : detail;
  await tx.auditEvent.create({
    data: {
      orgId,
      actorUserId,
      actorEmail: actor.type === "user" ? (actor.email ?? null) : null,
      action,
      decision,
      method,
      detail: fullDetail as Prisma.InputJsonValue,
      ip,
      ...(at ? { createdAt: at } : {}),
    },
  });
  logger.info({ event: "audit", orgId, actorUserId, action, decision, method }, "audit event");
}
