// Audit log queries: filters are validated against allow-lists (no SQL from the URL), the
// page size is clamped onto its allow-list (10⁹ → 100), the chart counts step-ups per day,
// and the CSV export streams only the caller's org.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ZAuditQuerySchema } from "@/lib/admin/schemas";
import { stepUpsPerDay } from "@/lib/admin/query-audit-events";
import { csvCell } from "@/lib/exports/csv-cell";
import { entry, loadEntryPoints, orgWithOwner } from "./helpers";

beforeAll(loadEntryPoints);
const view = () => entry("route:audit.view:viewAuditLogRoute");
const exportCsv = () => entry("route:audit.export:exportAuditLogRoute");

describe("audit filters", () => {
  it.each([
    [{ sort: "createdAt; DROP TABLE x" }, "sort"],
    [{ sort: "id" }, "sort"],
    [{ orderBy: "id" }, "form"],
    [{ action: "everything" }, "action"],
    [{ decision: "maybe" }, "decision"],
    [{ actor: "' OR 1=1 --" }, "actor"],
    [{ from: "2026-02-30" }, "from"],
    [{ from: "2026-11-28", to: "2026-11-01" }, "to"],
    [{ from: "2024-01-01", to: "2026-01-01" }, "to"],
    [{ page: "abc" }, "page"],
    [{ pageSize: "-5" }, "pageSize"],
  ])("rejects %j", (input, field) => {
    const parsed = ZAuditQuerySchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.some((i) => (i.path.join(".") || "form") === field)).toBe(true);
  });

  it("clamps a page size of 10⁹ to 100 and snaps others onto the allow-list", () => {
    expect(ZAuditQuerySchema.parse({ pageSize: "1000000000" }).pageSize).toBe(100);
    expect(ZAuditQuerySchema.parse({ pageSize: "60" }).pageSize).toBe(50);
    expect(ZAuditQuerySchema.parse({ pageSize: "1" }).pageSize).toBe(25);
    expect(ZAuditQuerySchema.parse({ page: "999999999" }).page).toBe(10_000);
    expect(ZAuditQuerySchema.parse({ actor: "", action: "step_up.verify", decision: "", sort: "" })).toMatchObject({
      action: "step_up.verify",
      sort: "newest",
      page: 1,
      pageSize: 25,
    });
  });

  it("the guarded read filters within the caller's org and clamps through the guard", async () => {
    const { org, owner } = await orgWithOwner();
    const other = await orgWithOwner();
    const result = await view()(owner.ctx, { action: "step_up.verify", pageSize: "1000000000" });
    expect(result.ok).toBe(true);
    const page = (result as { data: { events: { action: string }[]; pageSize: number; total: number } }).data;
    expect(page.pageSize).toBe(100);
    expect(page.total).toBe(1);
    expect(page.events.every((e) => e.action === "step_up.verify")).toBe(true);
    const stored = await db.auditEvent.count({ where: { orgId: { in: [org.id, other.org.id] }, action: "step_up.verify" } });
    expect(stored).toBe(2);

    const refused = await view()(owner.ctx, { sort: '1; DELETE FROM "AuditEvent"' });
    expect(refused).toMatchObject({ ok: false, error: { kind: "invalid", fields: { sort: expect.any(String) } } });
  });

  it("counts step-ups per day, successes against failures, with zero days filled", async () => {
    const { org, owner } = await orgWithOwner();
    const day = (d: string) => new Date(`${d}T12:00:00Z`);
    await db.auditEvent.createMany({
      data: [
        { orgId: org.id, action: "step_up.verify", decision: "succeeded", createdAt: day("2026-03-01") },
        { orgId: org.id, action: "step_up.verify", decision: "failed", createdAt: day("2026-03-01") },
        { orgId: org.id, action: "step_up.verify", decision: "failed", createdAt: day("2026-03-03") },
        { orgId: org.id, action: "exports.csv", decision: "allowed", createdAt: day("2026-03-02") },
      ],
    });
    const series = await stepUpsPerDay({
      orgId: org.id,
      filters: { from: "2026-03-01", to: "2026-03-03", sort: "newest" },
      now: new Date(),
    });
    expect(series).toEqual([
      { day: "2026-03-01", succeeded: 1, failed: 1 },
      { day: "2026-03-02", succeeded: 0, failed: 0 },
      { day: "2026-03-03", succeeded: 0, failed: 1 },
    ]);
    expect(owner.userId).toBeTruthy();
  });

  it("the export is guarded by audit.export and scoped to the caller's org from the session", async () => {
    const { org, owner, join } = await orgWithOwner();
    const member = await join("member");
    expect(await exportCsv()(member.ctx, {})).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    const ok = await exportCsv()(owner.ctx, { orgId: "someone-else" });
    expect(ok).toMatchObject({ ok: false, error: { kind: "invalid" } });
    const allowed = await exportCsv()(owner.ctx, { decision: "succeeded" });
    expect(allowed).toMatchObject({ ok: true, data: { orgId: org.id, filters: { decision: "succeeded" } } });
  });

  it("neutralises spreadsheet formulas and quotes CSV cells", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("a,b")).toBe(`"a,b"`);
    expect(csvCell(null)).toBe("");
    expect(csvCell({ k: 1 })).toBe(`"{""k"":1}"`);
  });
});
