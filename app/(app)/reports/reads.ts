// The reports page's guarded read (reports.view): declarations only.
import "server-only";
import { guardedRead } from "@/lib/guard/guarded-read";
import { ZInvoiceQuerySchema } from "@/lib/reports/schemas";
import { loadReport } from "@/lib/reports/load-report";

export const viewReport = guardedRead("reports.view", ZInvoiceQuerySchema, loadReport);
