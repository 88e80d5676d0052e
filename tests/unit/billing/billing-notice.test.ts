// The app-wide billing banner's words and actions for each state, owner and member.
import { describe, expect, it } from "vitest";
import { billingNotice, subscriptionLine, TRIAL_NOTICE_DAYS } from "@/lib/billing/billing-notice";

const now = new Date("2026-12-02T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const base = {
  plan: "pro" as const,
  subscribedPlan: "pro" as const,
  status: "active" as string | null,
  reason: "active" as const,
  currentPeriodEnd: days(20),
  cancelAtPeriodEnd: false,
  trialEnd: null as Date | null,
  graceEndsAt: null as Date | null,
};

describe("billing banner", () => {
  it("an active, renewing subscription shows none", () => {
    expect(billingNotice(base, "owner", now)).toBeNull();
  });

  it("past due in its grace: owners get Update payment method, members the owners to ask; the dashboard never says Renews", () => {
    const license = { ...base, status: "past_due", reason: "past_due_grace" as const, graceEndsAt: days(5) };
    expect(billingNotice(license, "owner", now)).toMatchObject({
      kind: "past_due",
      title: "The last payment failed",
      body: "Pro features stay on until 7 December 2026. Update the payment method before then to keep them.",
      action: "update_payment",
      actionLabel: "Update payment method",
      askOwner: false,
    });
    expect(billingNotice(license, "admin", now)).toMatchObject({ kind: "past_due", action: null, askOwner: true });
    expect(billingNotice(license, "member", now)).toMatchObject({ action: null, askOwner: true });
    expect(subscriptionLine(license)).toBe("Payment failed · features on until 7 December 2026");
  });

  it("past the grace period: the features are paused, in a destructive banner", () => {
    const license = { ...base, plan: "free" as const, status: "past_due", reason: "past_due_expired" as const };
    expect(billingNotice(license, "owner", now)).toMatchObject({ kind: "payment_paused", tone: "destructive", action: "update_payment" });
    expect(subscriptionLine(license)).toBe("Payment failed · paid features paused");
  });

  it("a voluntary cancel: owners can Renew until the period ends", () => {
    const license = { ...base, cancelAtPeriodEnd: true };
    expect(billingNotice(license, "owner", now)).toMatchObject({
      kind: "cancelling",
      title: "Pro ends on 22 December 2026",
      action: "renew",
      actionLabel: "Renew",
    });
    expect(billingNotice(license, "member", now)).toMatchObject({ action: null, askOwner: true });
    expect(subscriptionLine(license)).toBe("Ends 22 December 2026");
  });

  it(`a trial gets a banner in its last ${TRIAL_NOTICE_DAYS} days, not before`, () => {
    const trial = { ...base, status: "trialing", reason: "trialing" as const };
    expect(billingNotice({ ...trial, trialEnd: days(TRIAL_NOTICE_DAYS + 1) }, "owner", now)).toBeNull();
    expect(billingNotice({ ...trial, trialEnd: days(3) }, "owner", now)).toMatchObject({ kind: "trial_ending", action: "review" });
    expect(billingNotice({ ...trial, trialEnd: days(3), cancelAtPeriodEnd: true }, "owner", now)).toMatchObject({
      action: "renew",
      actionLabel: "Keep Pro",
    });
  });

  it("an ended subscription gets no banner (the org is on Free) and the dashboard says so", () => {
    const ended = { ...base, plan: "free" as const, status: "canceled", reason: "inactive_status" as const };
    expect(billingNotice(ended, "owner", now)).toBeNull();
    expect(subscriptionLine(ended)).toBe("Subscription ended · on Free");
  });
});
