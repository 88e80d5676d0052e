// The quote dialog's "What stops" lines come from the policy's plans: a downgrade names every
// feature it takes away, an upgrade or an interval change names none.
import { describe, expect, it } from "vitest";
import { planChangeLosses } from "@/lib/billing/plan-losses";
import { FEATURES, PLANS } from "@/lib/licensing/policy";

describe("plan change losses", () => {
  it("Enterprise → Pro names SSO with the org's domains and every other Enterprise-only feature", () => {
    const losses = planChangeLosses({ from: "enterprise", to: "pro", ssoDomains: ["enterprise.example"] });
    const lost = PLANS.enterprise.features.filter((f) => !(PLANS.pro.features as readonly string[]).includes(f));
    expect(losses.map((l) => l.feature)).toEqual(lost);
    expect(losses.find((l) => l.feature === "sso")?.line).toBe(
      "Members of enterprise.example will sign in with their password or passkey; SSO sign-in stops.",
    );
  });

  it("without a connection the SSO line is the feature's own description", () => {
    const sso = planChangeLosses({ from: "enterprise", to: "free" }).find((l) => l.feature === "sso");
    expect(sso?.line).toBe(`${FEATURES.sso.description} Not on the Free plan.`);
  });

  it("an upgrade or the same plan loses nothing", () => {
    expect(planChangeLosses({ from: "pro", to: "enterprise", ssoDomains: ["x.example"] })).toEqual([]);
    expect(planChangeLosses({ from: "enterprise", to: "enterprise" })).toEqual([]);
  });
});
