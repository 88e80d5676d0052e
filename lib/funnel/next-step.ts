// Where a new account goes once its address is confirmed: the step that made the person sign
// up (the plan they chose on the pricing page, the invitation they opened), not an empty
// dashboard. It crosses a mail round trip in a cookie the sign-up form sets, and is read back
// by the confirmation; both ends accept only the two known shapes, so it can never send
// anyone off the site or to an arbitrary page. Pure and client-safe.
import { BILLING_INTERVALS, PAID_PLAN_IDS, type BillingInterval, type PaidPlanId } from "@/lib/licensing/policy";

export const NEXT_STEP_COOKIE = "tiergate_next";
/** A day: the verification link lives that long too. */
export const NEXT_STEP_MAX_AGE_SECONDS = 24 * 60 * 60;

const INVITE = /^\/invite\/[A-Za-z0-9_-]{43}$/; // ZInviteTokenSchema's shape

export function checkoutStep(plan: PaidPlanId, interval: BillingInterval) {
  return `/billing?upgrade=${plan}&interval=${interval}`;
}

/** `value` if it is one of the known next steps, else null. */
export function safeNextStep(value: string | null | undefined): string | null {
  if (!value) return null;
  if (INVITE.test(value)) return value;
  const match = /^\/billing\?upgrade=([a-z]+)&interval=([a-z]+)$/.exec(value);
  if (match && (PAID_PLAN_IDS as readonly string[]).includes(match[1]!) && (BILLING_INTERVALS as readonly string[]).includes(match[2]!)) {
    return value;
  }
  return null;
}

/** The plan and interval of a checkout step (for the sign-up page's promise), or null. */
export function checkoutOf(step: string | null): { plan: PaidPlanId; interval: BillingInterval } | null {
  const match = step ? /^\/billing\?upgrade=([a-z]+)&interval=([a-z]+)$/.exec(step) : null;
  return match && safeNextStep(step) ? { plan: match[1] as PaidPlanId, interval: match[2] as BillingInterval } : null;
}

/** Browser only: remember the step across the mail round trip. */
export function rememberNextStep(step: string | null) {
  if (!safeNextStep(step)) return;
  document.cookie = `${NEXT_STEP_COOKIE}=${encodeURIComponent(step!)}; Path=/; Max-Age=${NEXT_STEP_MAX_AGE_SECONDS}; SameSite=Lax`;
}

/** Browser only: the remembered step (once: it is cleared), or null. */
export function takeNextStep(): string | null {
  const raw = document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${NEXT_STEP_COOKIE}=`))
    ?.slice(NEXT_STEP_COOKIE.length + 1);
  document.cookie = `${NEXT_STEP_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
  return safeNextStep(raw ? decodeURIComponent(raw) : null);
}
