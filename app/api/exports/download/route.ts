// GET /api/exports/download?ticket=… — redeem a single-use export ticket (policy re-checked, export caps taken) and stream it
import { getCurrentSession } from "@/lib/auth/current-session";
import { now as clockNow } from "@/lib/clock";
import { getLicense } from "@/lib/licensing/get-license";
import { historyStart } from "@/lib/reports/history-window";
import { redeemExportTicket, type RedeemedTicket } from "@/lib/exports/export-tickets";
import { copyToStream } from "@/lib/exports/copy-stream";
import { releaseExportLease } from "@/lib/exports/export-leases";
import { bulkNdjsonCopy, invoicesCsvCopy } from "@/lib/exports/exports-sql";
import { jsonError, refusalResponse } from "@/lib/guard/refusal-response";
import { sessionContext } from "@/lib/guard/context";
import { clientIp } from "@/lib/http/client-ip";
import { loggerFor } from "@/lib/http/request-logger";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const dynamic = "force-dynamic";

// A busy, frozen or unreachable database (or a full export pool) is a 503 + Retry-After
// through the shared error path.
export const GET = unguardedRoute("exports.download", download);

async function download(req: Request): Promise<Response> {
  const session = await getCurrentSession();
  if (!session) return jsonError(401, "Please sign in to download exports.");
  const token = new URL(req.url).searchParams.get("ticket") ?? "";
  const now = await clockNow();
  const redemption = await redeemExportTicket({
    token,
    session: sessionContext(session),
    now,
    ip: clientIp((name) => req.headers.get(name)),
  });
  if (!redemption.ok) {
    if (redemption.refusal) return refusalResponse(redemption.refusal, "session");
    return jsonError(410, "This download link has expired or was already used. Start the export again.");
  }
  const { ticket } = redemption;
  const log = loggerFor(req, { orgId: ticket.orgId, userId: ticket.userId, kind: ticket.kind });
  const stamp = now.toISOString().slice(0, 10);
  try {
    const body = await exportBody({ ticket, now });
    log.info({ event: "export.started" }, `${ticket.kind} export started`);
    return new Response(body, {
      headers: {
        "content-type": ticket.kind === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="${ticket.kind === "csv" ? `invoices-${stamp}.csv` : `organisation-export-${stamp}.ndjson`}"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    // Failed before copyToStream took the lease over (it ends it on its own failures).
    await releaseExportLease(ticket.lease);
    throw err;
  }
}

async function exportBody({ ticket, now }: { ticket: RedeemedTicket; now: Date }) {
  if (ticket.kind === "csv") {
    const since = historyStart({ license: await getLicense({ orgId: ticket.orgId, now }), now });
    return copyToStream({
      label: "csv",
      lease: ticket.lease,
      buildSql: invoicesCsvCopy({ orgId: ticket.orgId, filter: ticket.filters, since }),
    });
  }
  return copyToStream({ label: "bulk", lease: ticket.lease, buildSql: bulkNdjsonCopy({ orgId: ticket.orgId }) });
}
