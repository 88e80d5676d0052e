// guard_decide locks the grant before the plan is known, so the static policy must say what
// an action can ever need. A wrong mode would lock a single-use grant FOR SHARE (two spenders
// then deadlock upgrading) or skip a grant the policy asks for (decide.ts throws).
import { describe, expect, it } from "vitest";
import { grantModeOf } from "@/lib/guard/decide";
import { ACTIONS, PLAN_IDS, STEP_UP_PRESETS, planAllows, stepUpRequirement, type ActionId } from "@/lib/licensing/policy";

const actionIds = Object.keys(ACTIONS) as ActionId[];
const overrides = [undefined, ...(Object.keys(STEP_UP_PRESETS) as (keyof typeof STEP_UP_PRESETS)[])];

describe("grant mode: what the guard locks before the plan is known", () => {
  it.each(actionIds)("%s: every plan and override lands in a mode that covers it", (actionId) => {
    const { mode, maxAge } = grantModeOf(actionId);
    // A plan without the action's feature is refused before step-up: no requirement to cover.
    for (const plan of PLAN_IDS.filter((p) => planAllows(actionId, p).ok)) {
      for (const preset of overrides) {
        const req = stepUpRequirement(actionId, plan, preset ? { [actionId]: preset } : {});
        if (mode === "none") expect(req).toBeNull();
        if (mode === "once") expect(req?.maxAge).toBe(0);
        if (req && req.maxAge > 0) expect(req.maxAge).toBeLessThanOrEqual(maxAge);
        // `once` under "fresh" only through an override, which guard_decide sees and locks for.
        if (mode === "fresh" && req?.maxAge === 0) expect(preset).toBe("once");
      }
    }
  });

  it("the single-use bulk export is spent inside the call; CSV export depends on the plan", () => {
    expect(grantModeOf("exports.bulk").mode).toBe("once");
    expect(grantModeOf("exports.csv")).toEqual({ mode: "fresh", maxAge: STEP_UP_PRESETS.lax.maxAge });
    expect(grantModeOf("license.view").mode).toBe("none");
  });
});
