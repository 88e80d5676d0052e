"use server";
// Reports and exports, each through the guard with its policy action id. Exports issue a
// single-use download ticket; /api/exports/download streams it.
import { z } from "zod";
import { guardedAction } from "@/lib/guard/guarded-action";
import { refuseFromBody } from "@/lib/guard/run-guarded";
import { ZInvoiceFilterSchema, ZInvoiceQuerySchema } from "@/lib/reports/schemas";
import { historyStart } from "@/lib/reports/history-window";
import { listInvoices } from "@/lib/reports/list-invoices";
import { getReportSummary } from "@/lib/reports/get-report-summary";
import { countBulkRows, countInvoices } from "@/lib/exports/export-queries";
import { issueExportTicket } from "@/lib/exports/export-tickets";
import { seedDemoData } from "@/lib/seed/demo-data";
import type { GuardContext } from "@/lib/guard/context";

function sessionOf(ctx: GuardContext) {
  // Browser downloads are bound to a session; API clients use /api/v1/exports instead.
  if (ctx.kind !== "session") refuseFromBody({ kind: "forbidden", message: "Use the API export endpoint with an API key." });
  return ctx;
}

export const loadReport = guardedAction(
  "reports.view",
  ZInvoiceQuerySchema,
  async function loadReportBody({ input, ctx, tx, license, now }) {
    const since = historyStart({ license, now });
    const [summary, table] = await Promise.all([
      getReportSummary({ tx, orgId: ctx.orgId, since }),
      listInvoices({ tx, orgId: ctx.orgId, query: input, since }),
    ]);
    return { summary, table, since, historyDays: license.limits.reportHistoryDays };
  },
);

export const startCsvExport = guardedAction(
  "exports.csv",
  ZInvoiceFilterSchema,
  async function startCsvExportBody({ input, ctx, tx, license, now }) {
    const session = sessionOf(ctx);
    const since = historyStart({ license, now });
    const rows = await countInvoices({ tx, orgId: ctx.orgId, filter: input, since });
    const ticket = await issueExportTicket({
      tx,
      kind: "csv",
      sessionId: session.sid,
      userId: ctx.userId,
      orgId: ctx.orgId,
      filters: input,
      now,
    });
    return { url: `/api/exports/download?ticket=${ticket}`, rows };
  },
);

export const startBulkExport = guardedAction("exports.bulk", z.object({}).strict(), async function startBulkExportBody({ ctx, tx, now }) {
  const session = sessionOf(ctx);
  const rows = await countBulkRows({ tx, orgId: ctx.orgId });
  const ticket = await issueExportTicket({
    tx,
    kind: "bulk",
    sessionId: session.sid,
    userId: ctx.userId,
    orgId: ctx.orgId,
    filters: {},
    now,
  });
  return { url: `/api/exports/download?ticket=${ticket}`, rows };
});

/** An empty org can fill itself with sample customers and invoices to try reports and exports. */
export const loadSampleData = guardedAction(
  "reports.loadSampleData",
  z.object({}).strict(),
  async function loadSampleDataBody({ ctx, tx, now }) {
    if ((await tx.invoice.count({ where: { orgId: ctx.orgId }, take: 1 })) > 0) {
      refuseFromBody({ kind: "invalid", fields: {}, message: "This organisation already has data." });
    }
    return seedDemoData({ db: tx, orgId: ctx.orgId, invoices: 1000, now });
  },
);
