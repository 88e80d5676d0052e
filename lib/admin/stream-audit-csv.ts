// The audit log as CSV, streamed: keyset pages of 500 rows read on demand as the client
// pulls, so memory stays flat whatever the size of the log. Cells go through csvCell, the
// CSV injection rule the reports CSV shares (lib/exports/csv-cell.ts).
import "server-only";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import type { Prisma } from "@/lib/generated/prisma/client";
import { csvCell } from "@/lib/exports/csv-cell";
import { auditWhere } from "@/lib/admin/query-audit-events";
import { auditNames, describeAuditEvent } from "@/lib/admin/describe-audit-events";
import type { AuditExportQuery } from "@/lib/admin/schemas";

const BATCH = 500;
// The readable columns first (the log page's words); the raw ones after, for scripts.
// Exported so tests find a column by name rather than restating the list.
export const AUDIT_CSV_COLUMNS = [
  "time",
  "actor",
  "action",
  "target",
  "decision",
  "actor_email",
  "actor_user_id",
  "action_id",
  "decision_id",
  "method",
  "ip",
  "detail",
] as const;

export function streamAuditCsv({
  orgId,
  filters,
  now,
}: {
  orgId: string;
  filters: AuditExportQuery;
  now: Date;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const base = auditWhere({ orgId, filters, now });
  const asc = filters.sort === "oldest";
  let cursor: bigint | null = null;
  let rows = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(AUDIT_CSV_COLUMNS.join(",") + "\r\n"));
          return;
        }
        // Keyset on id (monotonic with createdAt for rows written by the app's clock).
        const where: Prisma.AuditEventWhereInput = cursor === null ? base : { AND: [base, { id: asc ? { gt: cursor } : { lt: cursor } }] };
        const batch = await db.auditEvent.findMany({ where, orderBy: { id: asc ? "asc" : "desc" }, take: BATCH });
        if (batch.length === 0) {
          logger.info({ event: "audit.export_streamed", orgId, rows }, "audit CSV streamed");
          controller.close();
          return;
        }
        cursor = batch[batch.length - 1]!.id;
        rows += batch.length;
        const names = await auditNames(db, orgId, batch);
        const text = batch
          .map((e) => {
            const l = describeAuditEvent(e, names);
            const cells: unknown[] = [e.createdAt.toISOString(), l.actorLabel, l.actionLabel, l.target, l.decisionLabel];
            cells.push(e.actorEmail, e.actorUserId, e.action, e.decision, e.method, e.ip, e.detail);
            return cells.map(csvCell).join(",");
          })
          .join("\r\n");
        controller.enqueue(encoder.encode(text + "\r\n"));
      } catch (err) {
        logger.error({ event: "audit.export_failed", orgId, rows, err }, "audit CSV stream failed");
        controller.error(err);
      }
    },
  });
}
