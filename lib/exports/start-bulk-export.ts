// Reports → "Export everything" (exports.bulk): a single-use download ticket for the whole
// organisation as NDJSON, bound to this session.
import "server-only";
import { countBulkRows } from "@/lib/exports/exports-sql";
import { issueExportTicket } from "@/lib/exports/export-tickets";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";

export async function startBulkExport({ ctx, tx, now }: GuardedBodyArgs<Record<string, never>, SessionContext>) {
  const rows = await countBulkRows({ tx, orgId: ctx.orgId });
  const ticket = await issueExportTicket({ tx, kind: "bulk", sessionId: ctx.sid, userId: ctx.userId, orgId: ctx.orgId, filters: {}, now });
  return { url: `/api/exports/download?ticket=${ticket}`, rows };
}
