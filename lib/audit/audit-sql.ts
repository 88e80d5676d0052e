// The audit trail's statements (see lib/db/README.md). auditEventInsert is the one INSERT
// of an audit row, so every writer shapes it through auditRow (record-audit-event.ts): on
// its own (insertAuditEvent), or embedded in a caller's statement so a guarded write and its
// audit are one round trip (lib/guard's stored result, commitStepUp). It ends in its SELECT
// list: the embedding statement adds `FROM <cte>` to write one row per row of that CTE
// (none when it is empty).
// Bench rows: "guard" (every guarded call appends one) and "step-up-verify".
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { executeOn, type Conn } from "@/lib/db/db-sql";
import { auditRow, type AuditEventInput } from "@/lib/audit/record-audit-event";

/** `INSERT INTO "AuditEvent" … SELECT <values>`: a statement alone, or embedded (see above). */
export function auditEventInsert(event: AuditEventInput & { at?: Date }): Prisma.Sql {
  const r = auditRow(event);
  return Prisma.sql`
    INSERT INTO "AuditEvent" ("orgId", "actorUserId", "actorEmail", action, decision, method, detail, ip, "createdAt")
    SELECT ${r.orgId}::uuid, ${r.actorUserId}::uuid, ${r.actorEmail}, ${r.action}, ${r.decision}, ${r.method},
           ${JSON.stringify(r.detail)}::jsonb, ${r.ip}, COALESCE(${event.at ?? null}::timestamp(3), CURRENT_TIMESTAMP)`;
}

/**
 * One audit row. Raw rather than auditEvent.create(): every guarded call writes one, and the
 * model call also builds and maps the RETURNING row nobody reads. With `client` (a
 * transaction's own connection) it skips Prisma's client cost too (lib/db/db-sql.ts executeOn).
 */
export async function insertAuditEvent({ event, ...conn }: Conn & { event: AuditEventInput & { at?: Date } }): Promise<void> {
  await executeOn(conn, auditEventInsert(event));
}
