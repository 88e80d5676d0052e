import { describe, expect, it } from "vitest";
import { buildCatalogSpec, productIdFor } from "@/lib/billing/stripe-catalog";
import { FEATURES, PLANS } from "@/lib/licensing/policy";

describe("Stripe catalogue from the policy file", () => {
  const spec = buildCatalogSpec();
  it("one Entitlements feature per policy feature, keyed by our feature id", () => {
    expect(spec.features.map((f) => f.lookupKey).sort()).toEqual(Object.keys(FEATURES).sort());
  });
  it("one product per paid plan with exactly that plan's features", () => {
    expect(spec.products.map((p) => p.id)).toEqual(["tiergate_pro", "tiergate_enterprise"]);
    expect(spec.products.find((p) => p.plan === "pro")!.features).toEqual([...PLANS.pro.features]);
    expect(spec.products.find((p) => p.plan === "enterprise")!.features).toEqual([...PLANS.enterprise.features]);
  });
  it("the four prices with the policy's amounts and intervals", () => {
    expect(spec.prices).toEqual([
      { lookupKey: "pro_monthly", productId: productIdFor("pro"), unitAmount: 2900, currency: "usd", interval: "month" },
      { lookupKey: "pro_yearly", productId: productIdFor("pro"), unitAmount: 29000, currency: "usd", interval: "year" },
      { lookupKey: "enterprise_monthly", productId: productIdFor("enterprise"), unitAmount: 9900, currency: "usd", interval: "month" },
      { lookupKey: "enterprise_yearly", productId: productIdFor("enterprise"), unitAmount: 99000, currency: "usd", interval: "year" },
    ]);
  });
});
