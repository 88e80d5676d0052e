import { describe, expect, it } from "vitest";
import { DATES_OUT_OF_ORDER, datesOutOfOrder } from "@/lib/reports/date-range";
import { ZInvoiceFilterSchema, ZInvoiceQuerySchema } from "@/lib/reports/schemas";

describe("a report's date range", () => {
  it("ends on or after its start; either end may be open", () => {
    expect(datesOutOfOrder({ from: "2026-03-01", to: "2026-02-28" })).toBe(true);
    expect(datesOutOfOrder({ from: "2026-03-01", to: "2026-03-01" })).toBe(false);
    expect(datesOutOfOrder({ from: "2026-03-01" })).toBe(false);
    expect(datesOutOfOrder({ to: "2026-03-01" })).toBe(false);
    // Across a year boundary the string order is the date order.
    expect(datesOutOfOrder({ from: "2026-12-31", to: "2027-01-01" })).toBe(false);
  });

  it("is refused on `to` by the table's and the export's schema alike", () => {
    for (const schema of [ZInvoiceQuerySchema, ZInvoiceFilterSchema]) {
      const parsed = schema.safeParse({ from: "2026-03-01", to: "2026-02-01" });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ["to"], message: DATES_OUT_OF_ORDER })]);
    }
  });
});
