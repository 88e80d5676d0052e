// The next step after sign-up crosses a cookie the browser controls: only the two known
// shapes pass, so it can never send anyone off the site or to an arbitrary page.
import { describe, expect, it } from "vitest";
import { checkoutOf, checkoutStep, safeNextStep } from "@/lib/funnel/next-step";

describe("attack: a crafted next step after sign-up (an open redirect)", () => {
  const token = "a".repeat(43);
  it.each([
    ["another site", "https://evil.example/"],
    ["a protocol-relative URL", "//evil.example/billing?upgrade=pro&interval=year"],
    ["a backslash trick", "/\\evil.example"],
    ["an arbitrary page", "/admin/members"],
    ["a checkout for Free", "/billing?upgrade=free&interval=month"],
    ["an unknown interval", "/billing?upgrade=pro&interval=week"],
    ["extra parameters", "/billing?upgrade=pro&interval=year&x=1"],
    ["an invitation with a short token", "/invite/abc"],
    ["an invitation with a path after it", `/invite/${token}/../../admin`],
  ])("%s is refused", (_name, value) => {
    expect(safeNextStep(value)).toBeNull();
  });

  it("the known steps pass unchanged", () => {
    expect(safeNextStep(checkoutStep("pro", "year"))).toBe("/billing?upgrade=pro&interval=year");
    expect(safeNextStep(`/invite/${token}`)).toBe(`/invite/${token}`);
    expect(checkoutOf("/billing?upgrade=enterprise&interval=month")).toEqual({ plan: "enterprise", interval: "month" });
    expect(checkoutOf(`/invite/${token}`)).toBeNull();
  });
});
