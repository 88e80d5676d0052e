import { describe, expect, it } from "vitest";
import { pickCurrentSubscription } from "@/lib/billing/pick-current-subscription";

const s = (id: string, status: string, created: number) => ({ id, status, created }) as { id: string; status: "active"; created: number };

describe("pickCurrentSubscription", () => {
  it("prefers a live subscription over a newer cancelled one", () => {
    expect(pickCurrentSubscription([s("old", "active", 1), s("new", "canceled", 2)])?.id).toBe("old");
  });
  it("prefers the newest among equals, and a re-subscription over the cancelled original", () => {
    expect(pickCurrentSubscription([s("a", "canceled", 1), s("b", "canceled", 5)])?.id).toBe("b");
    expect(pickCurrentSubscription([s("a", "canceled", 9), s("b", "trialing", 5)])?.id).toBe("b");
  });
  it("past_due beats canceled, active beats past_due", () => {
    expect(pickCurrentSubscription([s("a", "past_due", 1), s("b", "canceled", 5)])?.id).toBe("a");
    expect(pickCurrentSubscription([s("a", "past_due", 9), s("b", "active", 5)])?.id).toBe("b");
  });
  it("is order-independent and null for none", () => {
    const list = [s("a", "canceled", 3), s("b", "active", 1), s("c", "unpaid", 2)];
    expect(pickCurrentSubscription(list)?.id).toBe("b");
    expect(pickCurrentSubscription([...list].reverse())?.id).toBe("b");
    expect(pickCurrentSubscription([])).toBeNull();
  });
});
