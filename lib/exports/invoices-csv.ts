// A small, real CSV of an org's invoices joined with their customers (PII: name, email).
// Used by the step-up-protected `exports.csv` entry points; capped at 5,000 rows — the full
// streaming exporter (reports/exports issue) replaces the cap, not the guard around it.
import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";

export const MAX_INVOICE_CSV_ROWS = 5000;

export const ZInvoicesCsvSchema = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(MAX_INVOICE_CSV_ROWS, `limit can be at most ${MAX_INVOICE_CSV_ROWS}.`)
    .default(1000),
});

const HEADER = ["invoice_number", "issued_at", "status", "amount", "currency", "paid_at", "customer_name", "customer_email", "customer_company", "customer_country"];

/** RFC 4180 quoting, plus a leading ' on cells a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function buildInvoicesCsv({ tx, orgId, limit }: { tx: Db; orgId: string; limit: number }) {
  const invoices = await tx.invoice.findMany({
    where: { orgId },
    orderBy: { issuedAt: "desc" },
    take: limit,
    select: {
      number: true,
      issuedAt: true,
      status: true,
      amountCents: true,
      currency: true,
      paidAt: true,
      customer: { select: { name: true, email: true, company: true, country: true } },
    },
  });
  const lines = [HEADER.join(",")];
  for (const i of invoices) {
    lines.push(
      [
        i.number,
        i.issuedAt.toISOString(),
        i.status,
        (i.amountCents / 100).toFixed(2),
        i.currency,
        i.paidAt?.toISOString() ?? "",
        i.customer.name,
        i.customer.email,
        i.customer.company,
        i.customer.country,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return { csv: `${lines.join("\r\n")}\r\n`, rows: invoices.length };
}
