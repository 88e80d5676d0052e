"use server";
// Reports and exports, each through the guard with its policy action id: declarations only.
// Exports issue a single-use download ticket; /api/exports/download streams it. The page's
// own data is a guarded read (reads.ts).
import { z } from "zod";
import { guardedAction } from "@/lib/guard/guarded-action";
import { ZInvoiceFilterSchema } from "@/lib/reports/schemas";
import { startCsvExport as csvExportBody } from "@/lib/exports/start-csv-export";
import { startBulkExport as bulkExportBody } from "@/lib/exports/start-bulk-export";
import { loadSampleData as sampleDataBody } from "@/lib/reports/load-sample-data";

export const startCsvExport = guardedAction("exports.csv", ZInvoiceFilterSchema, csvExportBody);

export const startBulkExport = guardedAction("exports.bulk", z.object({}).strict(), bulkExportBody);

/** An empty org can fill itself with sample customers and invoices to try reports and exports. */
export const loadSampleData = guardedAction("reports.loadSampleData", z.object({}).strict(), sampleDataBody);
