import { describe, expect, it } from "vitest";
import {
  resolveAccess,
  SUBSCRIPTION_STATUSES,
  PAST_DUE_GRACE_DAYS,
  PAST_DUE_GRACE_MS,
  PERIOD_END_LEEWAY_SECONDS,
  type AccessInput,
} from "@/lib/licensing/access";

const effectivePlan = (input: AccessInput) => resolveAccess(input).plan;

const now = new Date("2026-11-28T12:00:00.000Z");
const day = 86_400_000;
const inAMonth = new Date(now.getTime() + 30 * day);
const base = { plan: "pro", pastDueSince: null, currentPeriodEnd: inAMonth, now };

describe("status → access, for every status", () => {
  const expected: Record<(typeof SUBSCRIPTION_STATUSES)[number], string> = {
    trialing: "pro",
    active: "pro",
    past_due: "pro", // within grace (since = now)
    incomplete: "free",
    incomplete_expired: "free",
    unpaid: "free",
    canceled: "free",
    paused: "free",
  };
  for (const status of SUBSCRIPTION_STATUSES) {
    it(`${status} → ${expected[status]}`, () => {
      expect(effectivePlan({ ...base, status, pastDueSince: status === "past_due" ? now : null })).toBe(expected[status]);
    });
  }
  it("no subscription → free", () => {
    expect(resolveAccess({ ...base, status: null, plan: null })).toEqual({ plan: "free", reason: "no_subscription", graceEndsAt: null });
  });
  it("an unknown status or plan → free", () => {
    expect(effectivePlan({ ...base, status: "something_new" })).toBe("free");
    expect(effectivePlan({ ...base, status: "active", plan: "platinum" })).toBe("free");
  });
  it("enterprise keeps enterprise", () => {
    expect(effectivePlan({ ...base, status: "active", plan: "enterprise" })).toBe("enterprise");
  });
});

describe("past_due grace period (7 days, exact seconds)", () => {
  it("is 7 days", () => {
    expect(PAST_DUE_GRACE_DAYS).toBe(7);
    expect(PAST_DUE_GRACE_MS).toBe(604_800_000);
  });
  const since = new Date("2026-11-20T08:30:00.000Z");
  const end = new Date(since.getTime() + 604_800_000); // 2026-11-27T08:30:00Z
  it("keeps the plan one second before the grace ends", () => {
    const a = resolveAccess({ ...base, status: "past_due", pastDueSince: since, now: new Date(end.getTime() - 1000) });
    expect(a).toEqual({ plan: "pro", reason: "past_due_grace", graceEndsAt: end });
  });
  it("falls to free at exactly pastDueSince + 7 days", () => {
    const a = resolveAccess({ ...base, status: "past_due", pastDueSince: since, now: end });
    expect(a.plan).toBe("free");
    expect(a.reason).toBe("past_due_expired");
  });
  it("is free one second after", () => {
    expect(effectivePlan({ ...base, status: "past_due", pastDueSince: since, now: new Date(end.getTime() + 1000) })).toBe("free");
  });
  it("counts from the period end when the start was not observed", () => {
    const periodEnd = new Date(now.getTime() - 7 * day + 1000);
    expect(effectivePlan({ ...base, status: "past_due", pastDueSince: null, currentPeriodEnd: periodEnd })).toBe("pro");
    expect(effectivePlan({ ...base, status: "past_due", pastDueSince: null, currentPeriodEnd: new Date(now.getTime() - 7 * day) })).toBe(
      "free",
    );
  });
  it("past_due with no dates at all → free", () => {
    expect(effectivePlan({ ...base, status: "past_due", pastDueSince: null, currentPeriodEnd: null })).toBe("free");
  });
});

describe("expiry: period end passed with no renewal", () => {
  const leeway = PERIOD_END_LEEWAY_SECONDS * 1000;
  it("leeway is one hour", () => expect(PERIOD_END_LEEWAY_SECONDS).toBe(3600));
  for (const status of ["active", "trialing"] as const) {
    it(`${status}: plan until period end + leeway, free from that exact second`, () => {
      const periodEnd = new Date("2026-11-28T10:00:00.000Z");
      expect(effectivePlan({ ...base, status, currentPeriodEnd: periodEnd, now: new Date(periodEnd.getTime() + leeway - 1000) })).toBe(
        "pro",
      );
      const expired = resolveAccess({ ...base, status, currentPeriodEnd: periodEnd, now: new Date(periodEnd.getTime() + leeway) });
      expect(expired).toEqual({ plan: "free", reason: "period_ended", graceEndsAt: null });
    });
  }
  it("a subscription a month past its end is free", () => {
    expect(effectivePlan({ ...base, status: "active", currentPeriodEnd: new Date(now.getTime() - 30 * day) })).toBe("free");
  });
});
