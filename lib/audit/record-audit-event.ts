// The audit trail: one row per security-relevant decision (step-up success/failure, grant
// revocation, lockout, every guarded action allowed or refused). The admin console reads
// this table; rows are append-only. Pass `tx` to make the event commit or roll back with
// the change it describes; refusals are recorded outside the (rolled back) transaction.
// Both ways of writing an event (recordAuditEvent on its own, or auditEventInsert inside a
// caller's larger statement) shape the row in auditRow, so every row reads alike.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Db } from "@/lib/db/client";
import { logger } from "@/lib/log";

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
function auditRow({ orgId, actor, action, decision, method = null, detail = {}, ip = null }: AuditEventInput) {
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
  at,
  ...event
}: AuditEventInput & {
  tx?: Db;
  /** Server time of the decision (the injectable clock); defaults to the database's now(). */
  at?: Date;
}): Promise<void> {
  // Raw INSERT rather than auditEvent.create(): every guarded call writes one of these, and
  // the model call also builds and maps the RETURNING row nobody reads.
  await tx.$executeRaw(auditEventInsert({ ...event, at }));
  logAuditEvent(event);
}

/**
 * The event as an `INSERT … SELECT` to embed in a larger statement (a data-modifying CTE),
 * written only when `when` holds, e.g. `EXISTS (SELECT 1 FROM minted)`. The caller logs
 * (logAuditEvent) once it knows the row was written.
 */
export function auditEventInsert(event: AuditEventInput & { at?: Date }, when: Prisma.Sql = Prisma.sql`TRUE`): Prisma.Sql {
  const r = auditRow(event);
  return Prisma.sql`
    INSERT INTO "AuditEvent" ("orgId", "actorUserId", "actorEmail", action, decision, method, detail, ip, "createdAt")
    SELECT ${r.orgId}::uuid, ${r.actorUserId}::uuid, ${r.actorEmail}, ${r.action}, ${r.decision}, ${r.method},
           ${JSON.stringify(r.detail)}::jsonb, ${r.ip}, COALESCE(${event.at ?? null}::timestamp(3), CURRENT_TIMESTAMP)
     WHERE ${when}`;
}
