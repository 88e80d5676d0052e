// GET /api/admin/audit?actor=&action=&decision=&from=&to=&sort=&page=&pageSize= — one page of the org's audit log as JSON (audit.view)
import { guardRoute } from "@/lib/guard/guard-route";
import { ZAuditQuerySchema } from "@/lib/admin/schemas";
import { queryAuditEvents } from "@/lib/admin/query-audit-events";

export const dynamic = "force-dynamic";

export const GET = guardRoute("audit.view", {
  schema: ZAuditQuerySchema,
  body: async function viewAuditLogRoute({ input, ctx, tx, now }) {
    return queryAuditEvents({ tx, orgId: ctx.orgId, query: input, now });
  },
  respond: (page) =>
    Response.json(
      {
        events: page.events,
        page: page.page,
        pageSize: page.pageSize,
        pageCount: page.pageCount,
        total: page.total,
        from: page.range.fromDay,
        to: page.range.toDay,
      },
      { headers: { "cache-control": "no-store" } },
    ),
});
