import { describe, expect, it } from "vitest";
import { ZInvoiceQuerySchema } from "@/lib/reports/schemas";
import { historyStart } from "@/lib/reports/history-window";

describe("ZInvoiceQuerySchema", () => {
  it("defaults an empty query", () => {
    expect(ZInvoiceQuerySchema.parse({})).toEqual({ sort: "issuedAt", dir: "desc", page: 1, pageSize: 25 });
  });

  it.each([
    [1_000_000_000, 100],
    [100, 100],
    [99, 50],
    [30, 25],
    [1, 10],
    [-5, 10],
    ["abc", 25],
  ])("clamps pageSize %s to %s", (pageSize, expected) => {
    expect(ZInvoiceQuerySchema.parse({ pageSize }).pageSize).toBe(expected);
  });

  it("only lets allow-listed sort keys and directions through", () => {
    const q = ZInvoiceQuerySchema.parse({ sort: 'amount"; drop table "Invoice"; --', dir: "sideways", status: "hacked" });
    expect(q.sort).toBe("issuedAt");
    expect(q.dir).toBe("desc");
    expect(q.status).toBeUndefined();
  });

  it("drops malformed dates and caps the search length", () => {
    expect(ZInvoiceQuerySchema.parse({ from: "yesterday", to: "2026-02-30x" })).not.toHaveProperty("from", "yesterday");
    expect(ZInvoiceQuerySchema.safeParse({ q: "x".repeat(101) }).success).toBe(false);
  });
});

describe("historyStart", () => {
  const now = new Date("2026-11-28T12:00:00Z");
  it("is exactly 90 days back on free", () => {
    expect(historyStart({ license: { limits: { reportHistoryDays: 90, seats: 3, apiKeys: 0 } }, now })).toEqual(
      new Date("2026-08-30T12:00:00Z"),
    );
  });
  it("is unlimited when the plan says null", () => {
    expect(historyStart({ license: { limits: { reportHistoryDays: null, seats: null, apiKeys: 50 } }, now })).toBeNull();
  });
});
