// The audit trail: one row per security-relevant decision (step-up success/failure, grant
// revocation, lockout, every guarded action allowed or refused). The admin console reads
// this table; rows are append-only. Pass `tx` to make the event commit or roll back with
// the change it describes; refusals are recorded outside the (rolled back) transaction.
// Both ways of writing an event (recordAuditEvent on its own, or auditEventInsert from
// audit-sql.ts inside a caller's larger statement) shape the row in auditRow, so every row
// reads alike.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import type pg from "pg";
import { logger } from "@/lib/log";
import { insertAuditEvent } from "@/lib/audit/audit-sql";

export type AuditActor =
  | { type: "user"; userId: string; email?: string | null }
  | { type: "api_key"; apiKeyId: string; userId?: string | null }
  | { type: "anonymous" };

/** "applied": a change the system made (a plan change from a webhook or the lapse sweep). */
export type AuditDecision = "allowed" | "refused" | "succeeded" | "failed" | "revoked" | "locked" | "created" | "applied";

export type AuditEventInput = {
  orgId: string | null;
  actor: AuditActor;
  /** What happened, e.g. an action id ("exports.csv") or an event ("step_up.verify"). */
  action: string;
  decision: AuditDecision;
  method?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
};

/** The columns of one event, whichever way it is written. */
export function auditRow({ orgId, actor, action, decision, method = null, detail = {}, ip = null }: AuditEventInput) {
  return {
    orgId,
    actorUserId: actor.type === "user" ? actor.userId : actor.type === "api_key" ? (actor.userId ?? null) : null,
    actorEmail: actor.type === "user" ? (actor.email ?? null) : null,
    action,
    decision,
    method,
    detail: actor.type === "api_key" ? { ...detail, apiKeyId: actor.apiKeyId } : detail,
    ip,
  };
}

/** The log line that accompanies every stored event; call it once the row is written. */
export function logAuditEvent(event: AuditEventInput): void {
  const { orgId, actorUserId, action, decision, method } = auditRow(event);
  logger.info({ event: "audit", orgId, actorUserId, action, decision, method }, "audit event");
}

export async function recordAuditEvent({
  tx = db,
  client = null,
  at,
  ...event
}: AuditEventInput & {
  tx?: Db;
  /** The transaction's own connection, when the caller has it (see lib/db/db-sql.ts executeOn). */
  client?: pg.ClientBase | null;
  /** Server time of the decision (the injectable clock); defaults to the database's now(). */
  at?: Date;
}): Promise<void> {
  await insertAuditEvent({ tx, client, event: { ...event, at } });
  logAuditEvent(event);
}
