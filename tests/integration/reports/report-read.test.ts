// The reports page's guarded read (viewReport) end to end: its figures, chart and table
// total are of the same filtered match (checked against a count by hand through Prisma),
// and a date range that ends before it starts is refused as `invalid` on the `to` field.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { CurrentSession } from "@/lib/auth/load-session";
import { seedDemoData } from "@/lib/seed/demo-data";
import { DATES_OUT_OF_ORDER } from "@/lib/reports/date-range";
import { userWithPasskey } from "@/tests/helpers/step-up";
import { currentSessionOf } from "@/tests/helpers/current-session-of";

const current: { session: CurrentSession | null } = { session: null };
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-report-read-test" }) }));

const { viewReport } = await import("@/app/(app)/reports/reads");

let orgId: string;

beforeAll(async () => {
  const account = await userWithPasskey({ plan: "pro" });
  orgId = account.org.id;
  current.session = currentSessionOf(account);
  await seedDemoData({ db, orgId, invoices: 600, now: new Date() });
});

/** The figures counted by hand: every matching invoice read through Prisma and added up here. */
async function byHand(where: Record<string, unknown>) {
  const rows = await db.invoice.findMany({ where: { orgId, ...where }, select: { status: true, amountCents: true, customerId: true } });
  const sum = (status: string) => rows.filter((r) => r.status === status).reduce((n, r) => n + r.amountCents, 0);
  return { paidCents: sum("paid"), openCents: sum("open"), invoices: rows.length, customers: new Set(rows.map((r) => r.customerId)).size };
}

async function read(input: Record<string, string>) {
  const result = await viewReport({ input });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.data;
}

describe("the report's figures follow its filters", () => {
  it("unfiltered: the figures are the whole org's", async () => {
    const { summary, table } = await read({});
    expect(summary).toMatchObject(await byHand({}));
    expect(table.total).toBe(600);
  });

  it("status and date range: KPIs, chart and table total equal a count by hand of the same invoices", async () => {
    const newest = await db.invoice.findFirstOrThrow({ where: { orgId }, orderBy: { issuedAt: "desc" } });
    const to = newest.issuedAt.toISOString().slice(0, 10);
    const fromDate = new Date(newest.issuedAt.getTime() - 60 * 86_400_000);
    const from = fromDate.toISOString().slice(0, 10);
    const where = {
      status: "paid",
      issuedAt: { gte: new Date(`${from}T00:00:00Z`), lt: new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000) },
    };
    const expected = await byHand(where);
    expect(expected.invoices).toBeGreaterThan(0);
    expect(expected.invoices).toBeLessThan(600);

    const { summary, table } = await read({ status: "paid", from, to });
    expect(summary).toMatchObject(expected);
    expect(table.total).toBe(expected.invoices);
    // The chart adds up to the same figures, month by month.
    expect(summary.monthly.reduce((n, m) => n + m.paidCents, 0)).toBe(expected.paidCents);
    expect(summary.monthly.reduce((n, m) => n + m.invoices, 0)).toBe(expected.invoices);
    expect(summary.monthly.length).toBeLessThanOrEqual(3);
  });

  it("a search that matches nothing shows zeroes, not the org's totals, and the org still has data", async () => {
    const { summary, table } = await read({ q: "no-such-customer-anywhere" });
    expect(summary).toMatchObject({ paidCents: 0, openCents: 0, invoices: 0, customers: 0, monthly: [], orgHasCustomers: true });
    expect(table.total).toBe(0);
    expect(table.rows).toEqual([]);
  });

  it("a search by customer narrows the figures to that customer's invoices", async () => {
    const some = await db.invoice.findFirstOrThrow({ where: { orgId }, include: { customer: true } });
    const { summary } = await read({ q: some.customer.email });
    expect(summary).toMatchObject(await byHand({ customer: { email: { contains: some.customer.email, mode: "insensitive" } } }));
    expect(summary.customers).toBe(1);
  });
});

describe("attack: a date range that ends before it starts", () => {
  it("is refused as invalid on the `to` field, with a human message", async () => {
    const result = await viewReport({ input: { from: "2026-03-01", to: "2026-02-01" } });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: "invalid", fields: { to: DATES_OUT_OF_ORDER } }) });
  });

  it("the same day at both ends is a valid one-day range", async () => {
    const { table } = await read({ from: "2026-03-01", to: "2026-03-01" });
    expect(table.total).toBeGreaterThanOrEqual(0);
  });
});
