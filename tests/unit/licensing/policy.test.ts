import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  ACTION_IDS,
  LOOKUP_KEYS,
  ROLES,
  planAllows,
  roleAllows,
  stepUpRuleOn,
  stepUpRulesOf,
  PLANS,
  PLAN_IDS,
  PRICE_LOOKUP_KEYS,
  STEP_UP_PRESETS,
  can,
  cheapestPlanWith,
  formatPrice,
  isPlanId,
  isPriceLookupKey,
  isTightening,
  lookupKeyFor,
  planForLookupKey,
  planHasFeature,
  roleAtLeast,
  stepUpRequirement,
} from "@/lib/licensing/policy";

describe("plans", () => {
  it("has the four lookup keys, each mapping back to its plan and interval", () => {
    expect(Object.keys(PRICE_LOOKUP_KEYS).sort()).toEqual(["enterprise_monthly", "enterprise_yearly", "pro_monthly", "pro_yearly"]);
    expect(LOOKUP_KEYS).toEqual(["pro_monthly", "pro_yearly", "enterprise_monthly", "enterprise_yearly"]);
    for (const plan of ["pro", "enterprise"] as const) {
      for (const interval of ["month", "year"] as const) {
        const key = lookupKeyFor(plan, interval);
        expect(PRICE_LOOKUP_KEYS[key]).toEqual({ plan, interval });
        expect(planForLookupKey(key)).toBe(plan);
        expect(PLANS[plan].prices[interval].lookupKey).toBe(key);
      }
    }
    expect(PLANS.free.prices).toBeNull();
    expect(planForLookupKey("gold_monthly")).toBeNull();
    expect(planForLookupKey(null)).toBeNull();
    expect(planForLookupKey("toString")).toBeNull();
    expect(isPriceLookupKey("pro_monthly")).toBe(true);
    expect(isPriceLookupKey("__proto__")).toBe(false);
  });
  it("each plan includes everything the cheaper plans have", () => {
    for (let i = 1; i < PLAN_IDS.length; i++) {
      const lower = PLANS[PLAN_IDS[i - 1]!].features as readonly string[];
      const higher = PLANS[PLAN_IDS[i]!].features as readonly string[];
      for (const f of lower) expect(higher).toContain(f);
    }
    expect(PLAN_IDS).toEqual(["free", "pro", "enterprise"]);
  });
  it("capabilities and the cheapest plan per feature", () => {
    expect(PLANS.free.features).toEqual(["reports"]);
    expect(planHasFeature("pro", "csv_export")).toBe(true);
    expect(planHasFeature("pro", "bulk_export")).toBe(false);
    expect(cheapestPlanWith("csv_export")).toBe("pro");
    expect(cheapestPlanWith("audit_log")).toBe("enterprise");
    expect(cheapestPlanWith("reports")).toBe("free");
    expect(planHasFeature("free", null)).toBe(true);
    expect(isPlanId("pro")).toBe(true);
    expect(isPlanId("gold")).toBe(false);
  });
  it("formats prices", () => {
    expect(formatPrice(2900, "month")).toBe("$29 / month");
    expect(formatPrice(99000, "year")).toBe("$990 / year");
    expect(formatPrice(1950, "month")).toBe("$19.50 / month");
  });
  it("roles ascend member < admin < owner", () => {
    expect(roleAtLeast("owner", "admin")).toBe(true);
    expect(roleAtLeast("member", "admin")).toBe(false);
    expect(roleAtLeast("admin", "admin")).toBe(true);
  });
});

describe("step-up per plan", () => {
  it("the same action needs different step-up on different plans", () => {
    const anyFactor = { factors: "any_factor", methods: ["passkey", "totp", "oidc"], minStrength: "mfa" };
    expect(stepUpRequirement("exports.csv", "pro")).toEqual({ level: "moderate", maxAge: 3600, ...anyFactor });
    expect(stepUpRequirement("exports.csv", "enterprise")).toEqual({ level: "strict", maxAge: 600, ...anyFactor });
    expect(stepUpRequirement("reports.view", "enterprise")).toBeNull();
    expect(stepUpRequirement("exports.bulk", "enterprise")?.maxAge).toBe(0);
  });
  it("presets are 10 min, 60 min, 24 h and single-use", () => {
    expect(STEP_UP_PRESETS.strict.maxAge).toBe(600);
    expect(STEP_UP_PRESETS.moderate.maxAge).toBe(3600);
    expect(STEP_UP_PRESETS.lax.maxAge).toBe(86_400);
    expect(STEP_UP_PRESETS.once.maxAge).toBe(0);
  });
  it("overrides only tighten", () => {
    expect(stepUpRequirement("exports.csv", "pro", { "exports.csv": "strict" })?.maxAge).toBe(600);
    expect(stepUpRequirement("exports.csv", "enterprise", { "exports.csv": "lax" })?.maxAge).toBe(600);
    expect(isTightening("exports.csv", "enterprise", "lax")).toBe(false);
    expect(isTightening("exports.csv", "enterprise", "once")).toBe(true);
    expect(isTightening("license.view", "enterprise", "strict")).toBe(false);
  });
  it("billing actions are owner-only", () => {
    for (const id of ["billing.view", "billing.checkout", "billing.manage"] as const) expect(ACTIONS[id].minRole).toBe("owner");
  });
});

describe("can(): the one answer to who may use an action", () => {
  it("refuses on role first, then on the plan, naming what would change it", () => {
    expect(can("exports.csv", { plan: "pro", role: "member" })).toEqual({ ok: true });
    expect(can("exports.csv", { plan: "free", role: "member" })).toEqual({ ok: false, reason: "plan", feature: "csv_export", plan: "pro" });
    expect(can("admin.view", { plan: "free", role: "member" })).toEqual({ ok: false, reason: "role", minRole: "admin" });
    expect(can("admin.view", { plan: "pro", role: "admin" })).toEqual({
      ok: false,
      reason: "plan",
      feature: "admin_console",
      plan: "enterprise",
    });
    expect(can("billing.manage", { plan: "enterprise", role: "admin" })).toEqual({ ok: false, reason: "role", minRole: "owner" });
  });
  it("an API key also needs the plan's API access", () => {
    expect(can("reports.view", { plan: "free", role: "owner" })).toEqual({ ok: true });
    expect(can("reports.view", { plan: "free", role: "owner", apiKey: true })).toEqual({
      ok: false,
      reason: "plan",
      feature: "api_access",
      plan: "pro",
    });
    expect(can("reports.view", { plan: "pro", role: "member", apiKey: true })).toEqual({ ok: true });
  });
});

describe("step-up cells", () => {
  // The type (StepUpCells in policy.ts) already refuses these; this catches a cast around it.
  it("every action has a rule on exactly the plans that have its feature", () => {
    for (const actionId of ACTION_IDS) {
      const cells = Object.keys(ACTIONS[actionId].stepUp).sort();
      const reachable = PLAN_IDS.filter((plan) => planAllows(actionId, plan).ok).sort();
      expect(cells, actionId).toEqual(reachable);
      expect(stepUpRulesOf(actionId)).toHaveLength(reachable.length);
      for (const plan of PLAN_IDS) expect(stepUpRuleOn(actionId, plan) === null, `${actionId} on ${plan}`).toBe(!reachable.includes(plan));
    }
  });
  it("a plan without the feature has no requirement and nothing to tighten", () => {
    expect(stepUpRequirement("exports.bulk", "pro")).toBeNull();
    expect(stepUpRequirement("admin.view", "free", { "admin.view": "once" })).toBeNull();
    expect(isTightening("exports.bulk", "pro", "once")).toBe(false);
  });
});

describe("can()'s halves", () => {
  it("roleAllows ignores the plan, planAllows the role; can() is role then plan", () => {
    expect(roleAllows("billing.manage", "admin")).toEqual({ ok: false, reason: "role", minRole: "owner" });
    expect(roleAllows("billing.manage", "owner")).toEqual({ ok: true });
    expect(planAllows("apiKeys.create", "free")).toEqual({ ok: false, reason: "plan", feature: "api_access", plan: "pro" });
    expect(planAllows("reports.view", "free", true)).toEqual({ ok: false, reason: "plan", feature: "api_access", plan: "pro" });
    for (const actionId of ACTION_IDS)
      for (const plan of PLAN_IDS)
        for (const role of ROLES) {
          const byRole = roleAllows(actionId, role);
          expect(can(actionId, { plan, role })).toEqual(byRole.ok ? planAllows(actionId, plan) : byRole);
        }
  });
});
