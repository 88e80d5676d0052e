import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDemoData } from "@/lib/seed/demo-data";
import { listInvoices } from "@/lib/reports/list-invoices";
import { getReportSummary } from "@/lib/reports/get-report-summary";
import { ZInvoiceQuerySchema, type InvoiceQuery } from "@/lib/reports/schemas";
import { createUserWithOrg } from "@/tests/helpers/factories";

const NOW = new Date("2026-11-28T00:00:00Z");
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  orgId = (await createUserWithOrg({ plan: "pro" })).org.id;
  otherOrgId = (await createUserWithOrg({ plan: "pro" })).org.id;
  await seedDemoData({ db, orgId, invoices: 2000, now: NOW });
  await seedDemoData({ db, orgId: otherOrgId, invoices: 500, now: NOW });
});

const q = (input: Record<string, unknown>) => ZInvoiceQuerySchema.parse(input);

/** The reports page's table: one page and, from the summary of the same match, its total. */
async function tableOf({ query, since, org = orgId }: { query: InvoiceQuery; since: Date | null; org?: string }) {
  const match = { orgId: org, filter: query, since };
  const [page, summary] = [await listInvoices({ tx: db, match, query }), await getReportSummary({ tx: db, match })];
  return { ...page, total: summary.invoices };
}

describe("listInvoices", () => {
  it("pages through exactly the org's invoices", async () => {
    const page1 = await tableOf({ query: q({ pageSize: 100 }), since: null });
    expect(page1.total).toBe(2000);
    expect(page1.rows).toHaveLength(100);
    const last = await tableOf({ query: q({ pageSize: 100, page: 20 }), since: null });
    expect(last.rows).toHaveLength(100);
    const beyond = await tableOf({ query: q({ pageSize: 100, page: 21 }), since: null });
    expect(beyond.rows).toHaveLength(0);
    const ids = new Set([...page1.rows, ...last.rows].map((r) => r.id));
    expect(ids.size).toBe(200);
    const foreign = await db.invoice.count({ where: { orgId: otherOrgId, id: { in: [...ids].map(BigInt) } } });
    expect(foreign).toBe(0);
  });

  it("sorts by each allow-listed key in both directions", async () => {
    const byAmount = await tableOf({ query: q({ sort: "amount", dir: "asc", pageSize: 50 }), since: null });
    const amounts = byAmount.rows.map((r) => r.amountCents);
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    const byDate = await tableOf({ query: q({ sort: "issuedAt", dir: "desc", pageSize: 50 }), since: null });
    const dates = byDate.rows.map((r) => r.issuedAt.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it("treats search text as data, never SQL", async () => {
    const injection = await tableOf({ query: q({ q: "' or 1=1 --" }), since: null });
    expect(injection.total).toBe(0);
    const wildcard = await tableOf({ query: q({ q: "%" }), since: null });
    expect(wildcard.total).toBe(0); // % is escaped, not a wildcard
    const byNumber = await tableOf({ query: q({ q: "INV-0000042" }), since: null });
    expect(byNumber.rows.map((r) => r.number)).toEqual(["INV-0000042"]);
  });

  it("applies the plan's history window", async () => {
    const since = new Date(NOW.getTime() - 90 * 86_400_000);
    const limited = await tableOf({ query: q({}), since });
    const expected = await db.invoice.count({ where: { orgId, issuedAt: { gte: since } } });
    expect(limited.total).toBe(expected);
    expect(expected).toBeLessThan(2000);
    const summary = await getReportSummary({ tx: db, match: { orgId, filter: {}, since } });
    expect(summary.invoices).toBe(expected);
    expect(summary.monthly.length).toBeLessThanOrEqual(4);
  });

  it("filters by status and date range", async () => {
    const open = await tableOf({ query: q({ status: "open", pageSize: 100 }), since: null });
    expect(open.total).toBe(await db.invoice.count({ where: { orgId, status: "open" } }));
    expect(open.rows.every((r) => r.status === "open")).toBe(true);
    const ranged = await tableOf({ query: q({ from: "2026-01-01", to: "2026-01-31" }), since: null });
    expect(ranged.total).toBe(
      await db.invoice.count({ where: { orgId, issuedAt: { gte: new Date("2026-01-01"), lt: new Date("2026-02-01") } } }),
    );
  });
});

describe("seedDemoData", () => {
  it("generates large datasets without integer overflow (the benchmark seeds 1,000,000 rows)", async () => {
    const big = (await createUserWithOrg()).org.id;
    // 25,000 × 104,729 passes 2³¹: this overflowed when the series was int.
    await expect(seedDemoData({ db, orgId: big, invoices: 25_000, now: NOW })).resolves.toEqual({ customers: 6250, invoices: 25_000 });
    expect(await db.invoice.count({ where: { orgId: big } })).toBe(25_000);
  });
});

describe("getReportSummary", () => {
  it("adds up paid revenue per month", async () => {
    const summary = await getReportSummary({ tx: db, match: { orgId, filter: {}, since: null } });
    const paid = await db.invoice.aggregate({ where: { orgId, status: "paid" }, _sum: { amountCents: true } });
    expect(summary.paidCents).toBe(paid._sum.amountCents);
    expect(summary.invoices).toBe(2000);
    expect(summary.customers).toBe(500);
  });
});
