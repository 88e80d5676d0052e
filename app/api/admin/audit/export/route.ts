// GET /api/admin/audit/export?actor=&action=&decision=&from=&to=&sort= — the org's audit log as streamed CSV (audit.export, strict step-up)
import { guardRoute } from "@/lib/guard/guard-route";
import { ZAuditExportSchema } from "@/lib/admin/schemas";
import { streamAuditCsv } from "@/lib/admin/stream-audit-csv";

export const dynamic = "force-dynamic";

export const GET = guardRoute("audit.export", {
  schema: ZAuditExportSchema,
  // The guard decides (and audits the export) in its transaction; the rows are then read
  // in keyset batches as the client pulls, scoped to the caller's org from ctx — never
  // to an org named in the request.
  body: async function exportAuditLogRoute({ input, ctx, now }) {
    return { orgId: ctx.orgId, filters: input, now };
  },
  respond: ({ orgId, filters, now }) =>
    new Response(streamAuditCsv({ orgId, filters, now }), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-log-${now.toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    }),
});
