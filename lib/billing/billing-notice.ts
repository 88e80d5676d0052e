// What the app-wide billing banner says, from the license alone (pure: the layout, the
// dashboard and the tests share it). A state that needs someone to act gets a banner: a failed
// payment (in its grace period, or after it with the features paused), a trial about to end,
// a subscription set to end. Owners get the action that fixes it; everyone else is told who
// can. An ended subscription gets no banner: the organisation is simply on Free, and the
// billing page offers to subscribe again.
import { PLANS, can, type Role } from "@/lib/licensing/policy";
import type { License } from "@/lib/licensing/get-license";

/** A trial gets its banner this many days before it ends (Stripe's own notice comes at 3). */
export const TRIAL_NOTICE_DAYS = 7;

export type BillingNoticeAction = "update_payment" | "renew" | "review";

export type BillingNotice = {
  kind: "past_due" | "payment_paused" | "trial_ending" | "cancelling";
  tone: "warning" | "destructive";
  title: string;
  body: string;
  /** What an owner can do about it here; null for everyone else, who get `askOwner`. */
  action: BillingNoticeAction | null;
  actionLabel: string | null;
  askOwner: boolean;
};

type LicenseFacts = Pick<
  License,
  "plan" | "subscribedPlan" | "status" | "reason" | "currentPeriodEnd" | "cancelAtPeriodEnd" | "trialEnd" | "graceEndsAt"
>;

const day = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function billingNotice(license: LicenseFacts, role: Role, now: Date): BillingNotice | null {
  const owner = can("billing.manage", { plan: license.plan, role }).ok;
  const plan = PLANS[license.subscribedPlan].name;
  const forOwner = (action: BillingNoticeAction, actionLabel: string) =>
    owner ? { action, actionLabel, askOwner: false } : { action: null, actionLabel: null, askOwner: true };

  if (license.status === "past_due" && license.reason === "past_due_grace" && license.graceEndsAt) {
    return {
      kind: "past_due",
      tone: "warning",
      title: "The last payment failed",
      body: `${plan} features stay on until ${day(license.graceEndsAt)}. ${owner ? "Update the payment method before then to keep them." : "An owner needs to update the payment method before then."}`,
      ...forOwner("update_payment", "Update payment method"),
    };
  }
  if ((license.status === "past_due" || license.status === "unpaid") && license.subscribedPlan !== "free") {
    return {
      kind: "payment_paused",
      tone: "destructive",
      title: `${plan} features are paused`,
      body: `The last payment failed and was not settled in time, so this organisation is on Free. ${owner ? "Update the payment method to restore them at once." : "An owner can restore them by updating the payment method."}`,
      ...forOwner("update_payment", "Update payment method"),
    };
  }
  if (license.status === "trialing" && license.trialEnd) {
    const daysLeft = (license.trialEnd.getTime() - now.getTime()) / 86_400_000;
    if (daysLeft > TRIAL_NOTICE_DAYS || daysLeft < 0) return null;
    return license.cancelAtPeriodEnd
      ? {
          kind: "trial_ending",
          tone: "warning",
          title: `The ${plan} trial ends on ${day(license.trialEnd)}`,
          body: `It is set not to continue: after that the organisation is on Free. ${owner ? "Keep the plan to go on without a break." : ""}`.trim(),
          ...forOwner("renew", `Keep ${plan}`),
        }
      : {
          kind: "trial_ending",
          tone: "warning",
          title: `The ${plan} trial ends on ${day(license.trialEnd)}`,
          body: "Then the subscription continues and the first payment is taken. Review the plan and payment method before then.",
          ...forOwner("review", "Review billing"),
        };
  }
  if (license.status === "active" && license.cancelAtPeriodEnd && license.currentPeriodEnd) {
    return {
      kind: "cancelling",
      tone: "warning",
      title: `${plan} ends on ${day(license.currentPeriodEnd)}`,
      body: `The subscription was cancelled; until then nothing changes, after that the organisation is on Free.`,
      ...forOwner("renew", "Renew"),
    };
  }
  return null;
}

/** The dashboard's one line about the subscription, true to its state (never "Renews …" while a payment is failing). */
export function subscriptionLine(license: LicenseFacts): string | null {
  switch (license.status) {
    case null:
      return null;
    case "trialing":
      return license.trialEnd ? `Trial ends ${day(license.trialEnd)}` : "In trial";
    case "active":
      if (!license.currentPeriodEnd) return "Active";
      return `${license.cancelAtPeriodEnd ? "Ends" : "Renews"} ${day(license.currentPeriodEnd)}`;
    case "past_due":
      return license.reason === "past_due_grace" && license.graceEndsAt
        ? `Payment failed · features on until ${day(license.graceEndsAt)}`
        : "Payment failed · paid features paused";
    case "unpaid":
      return "Unpaid · paid features paused";
    case "canceled":
      return "Subscription ended · on Free";
    default:
      return "Subscription not active · on Free";
  }
}
