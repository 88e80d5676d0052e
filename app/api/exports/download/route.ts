// GET /api/exports/download?ticket=… — redeem a single-use export ticket (policy re-checked) and stream it
import { getCurrentSession } from "@/lib/auth/current-session";
import { now as clockNow } from "@/lib/clock";
import { getLicense } from "@/lib/licensing/get-license";
import { historyStart } from "@/lib/reports/history-window";
import { redeemExportTicket } from "@/lib/exports/export-tickets";
import { copyToStream } from "@/lib/exports/copy-stream";
import { bulkNdjsonSql, invoicesCsvSql } from "@/lib/exports/export-queries";
import { jsonError, refusalResponse } from "@/lib/guard/refusal-response";
import { sessionContext } from "@/lib/guard/context";
import { clientIp } from "@/lib/http/client-ip";
import { loggerFor } from "@/lib/http/request-logger";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const session = await getCurrentSession();
  if (!session) return jsonError(401, "Please sign in to download exports.");
  const token = new URL(req.url).searchParams.get("ticket") ?? "";
  const now = await clockNow();
  const redemption = await redeemExportTicket({ token, session: sessionContext(session), now, ip: clientIp((name) => req.headers.get(name)) });
  if (!redemption.ok) {
    if (redemption.refusal) return refusalResponse(redemption.refusal, "session");
    return jsonError(410, "This download link has expired or was already used. Start the export again.");
  }
  const { ticket } = redemption;

  const log = loggerFor(req, { orgId: ticket.orgId, userId: ticket.userId, kind: ticket.kind });
  const stamp = now.toISOString().slice(0, 10);
  if (ticket.kind === "csv") {
    const since = historyStart({ license: await getLicense({ orgId: ticket.orgId, now }), now });
    const body = await copyToStream({ label: "csv", buildSql: invoicesCsvSql({ orgId: ticket.orgId, filter: ticket.filters, since }) });
    log.info({ event: "export.started" }, "csv export started");
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="invoices-${stamp}.csv"`,
        "cache-control": "no-store",
      },
    });
  }
  const body = await copyToStream({ label: "bulk", buildSql: bulkNdjsonSql({ orgId: ticket.orgId }) });
  log.info({ event: "export.started" }, "bulk export started");
  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="organisation-export-${stamp}.ndjson"`,
      "cache-control": "no-store",
    },
  });
}
