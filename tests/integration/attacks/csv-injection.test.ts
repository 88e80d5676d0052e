// Attack: data an outsider can shape (a customer's name, an invoice number, an email or IP
// in the audit log) carries a spreadsheet formula into a CSV an admin opens. Both CSVs —
// the reports export (written by Postgres COPY) and the audit export (written in JS) —
// neutralise every text cell starting with = + - @ tab CR, and keep amounts as numbers.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { copyToStream } from "@/lib/exports/copy-stream";
import { CSV_COLUMNS, invoicesCsvCopy } from "@/lib/exports/exports-sql";
import { FORMULA_PREFIXES, neutraliseText, neutralisedTextSql } from "@/lib/exports/csv-cell";
import { AUDIT_CSV_COLUMNS, streamAuditCsv } from "@/lib/admin/stream-audit-csv";
import { ZAuditExportSchema } from "@/lib/admin/schemas";
import { createUserWithOrg } from "@/tests/helpers/factories";

const PAYLOADS = ["-1+cmd|' /C calc'!A0", "+ cmd", "@SUM(1)", "\tx", "\rx", "=1+2"];

/** RFC 4180 rows (quoted cells may hold commas, quotes, CR and LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe("attack: a spreadsheet formula smuggled into an exported CSV", () => {
  it("the SQL and JS renderings of the rule agree on every prefix and on plain text", async () => {
    const samples = [...PAYLOADS, ...FORMULA_PREFIXES, ...FORMULA_PREFIXES.map((p) => `${p}x`), "Alice", "1+1", " =x", "", "x-1"];
    const rows = await db.$queryRaw<{ v: string; safe: string }[]>(
      Prisma.sql`select v, ${Prisma.raw(neutralisedTextSql("v"))} as safe from unnest(${samples}::text[]) as v`,
    );
    expect(rows).toHaveLength(samples.length);
    for (const { v, safe } of rows) expect(safe).toBe(neutraliseText(v));
  });

  it("reports CSV: every payload in a customer's fields and the invoice number comes out prefixed; amounts stay numbers", async () => {
    const { org } = await createUserWithOrg({ plan: "pro" });
    for (const [i, payload] of PAYLOADS.entries()) {
      const customer = await db.customer.create({
        data: { orgId: org.id, name: payload, email: payload, phone: payload, company: payload, country: payload },
      });
      await db.invoice.create({
        data: {
          orgId: org.id,
          customerId: customer.id,
          number: payload,
          amountCents: -1250 - i,
          status: "paid",
          issuedAt: new Date(Date.UTC(2026, 0, 1 + i)),
        },
      });
    }
    const csv = await new Response(
      await copyToStream({ label: "test", buildSql: invoicesCsvCopy({ orgId: org.id, filter: {}, since: null }) }),
    ).text();
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(PAYLOADS.length);
    const col = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)]!;
    // Newest first: row k holds payload PAYLOADS.length - 1 - k.
    rows.forEach((row, k) => {
      const i = PAYLOADS.length - 1 - k;
      const expected = `'${PAYLOADS[i]}`;
      for (const name of ["invoice_number", "customer_name", "customer_email", "customer_phone", "company", "country"] as const) {
        expect(col(row, name)).toBe(expected);
      }
      expect(col(row, "amount")).toBe(((-1250 - i) / 100).toFixed(2));
    });
  });

  it("audit CSV: payloads in the actor email, action, method and IP come out prefixed", async () => {
    const { org } = await createUserWithOrg({ plan: "enterprise" });
    const now = new Date();
    for (const [i, payload] of PAYLOADS.entries()) {
      await db.auditEvent.create({
        data: {
          orgId: org.id,
          actorEmail: payload,
          action: payload,
          decision: "refused",
          method: payload,
          ip: payload,
          detail: { n: i },
          createdAt: new Date(now.getTime() - 60_000 + i),
        },
      });
    }
    const csv = await new Response(streamAuditCsv({ orgId: org.id, filters: ZAuditExportSchema.parse({ sort: "oldest" }), now })).text();
    const [header, ...rows] = parseCsv(csv);
    // The column contract scripts rely on, spelled once here as one line; cells are then found by name.
    expect(header!.join(",")).toBe("time,actor,action,target,decision,actor_email,actor_user_id,action_id,decision_id,method,ip,detail");
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows).toHaveLength(PAYLOADS.length);
    const col = (row: string[], name: (typeof AUDIT_CSV_COLUMNS)[number]) => row[AUDIT_CSV_COLUMNS.indexOf(name)]!;
    rows.forEach((row, i) => {
      const expected = `'${PAYLOADS[i]}`;
      // The raw columns, and the actor's label (the stored email when no account is named).
      for (const name of ["actor", "actor_email", "action_id", "method", "ip"] as const) expect(col(row, name)).toBe(expected);
      // The action's readable label is derived from the payload: still never a live formula.
      expect(col(row, "action")).not.toMatch(/^[=+\-@\t\r]/);
      expect(col(row, "detail")).toBe(`{"n":${i}}`);
    });
  });
});
