// The nav shows what can() allows, locks what the plan lacks (naming the plan and feature
// that unlock it) and hides what the role may not use.
import { describe, expect, it } from "vitest";
import { NAV_ITEMS, navigationFor } from "@/lib/navigation";
import { isActionId } from "@/lib/licensing/policy";

const view = (plan: "free" | "pro" | "enterprise", role: "member" | "admin" | "owner") =>
  navigationFor({ plan, role }).map((i) => (i.locked ? `${i.label} (locked: ${i.feature} on ${i.unlockPlan})` : i.label));

describe("navigation", () => {
  it("every item names a real action id or none", () => {
    for (const item of NAV_ITEMS) expect(item.action === null || isActionId(item.action), item.href).toBe(true);
  });
  it("a member sees their own pages and the reports, whatever the plan", () => {
    expect(view("free", "member")).toEqual(["Overview", "Reports", "Verification", "Account"]);
    expect(view("enterprise", "member")).toEqual(["Overview", "Reports", "Verification", "Account"]);
  });
  it("an admin sees admin and API keys, locked with the plan that unlocks them", () => {
    expect(view("free", "admin")).toEqual([
      "Overview",
      "Reports",
      "Admin console (locked: admin_console on enterprise)",
      "API keys (locked: api_access on pro)",
      "Verification",
      "Account",
    ]);
    expect(view("pro", "admin")).toEqual([
      "Overview",
      "Reports",
      "Admin console (locked: admin_console on enterprise)",
      "API keys",
      "Verification",
      "Account",
    ]);
  });
  it("billing is for owners; on enterprise nothing is locked", () => {
    expect(view("enterprise", "owner")).toEqual(["Overview", "Reports", "Admin console", "API keys", "Verification", "Billing", "Account"]);
    expect(view("free", "owner")).toContain("Billing");
  });
});
