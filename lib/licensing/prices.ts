// What each paid plan costs and the Stripe price lookup key that sells it. PLANS (policy.ts)
// carries these objects as its `prices`, and every lookup-key type and table below is derived
// from them, so a key is written once. No access rule lives here. Imports policy.ts for types
// only: policy.ts re-exports this module, and a value import back would be a cycle.
import type { PlanId } from "@/lib/licensing/policy";

export const BILLING_INTERVALS = ["month", "year"] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

/** Billing: length of the optional trial offered at checkout. */
export const TRIAL_DAYS = 14;

/** Stripe price lookup keys and display prices (USD cents), per paid plan; free has none. */
export const PLAN_PRICES = {
  pro: { month: { lookupKey: "pro_monthly", amount: 2900 }, year: { lookupKey: "pro_yearly", amount: 29000 } },
  enterprise: { month: { lookupKey: "enterprise_monthly", amount: 9900 }, year: { lookupKey: "enterprise_yearly", amount: 99000 } },
} as const satisfies Partial<Record<PlanId, Record<BillingInterval, { lookupKey: string; amount: number }>>>;

export type PaidPlanId = keyof typeof PLAN_PRICES;
export type PriceLookupKey = (typeof PLAN_PRICES)[PaidPlanId][BillingInterval]["lookupKey"];
export const PAID_PLAN_IDS = Object.keys(PLAN_PRICES) as PaidPlanId[];

export function lookupKeyFor(plan: PaidPlanId, interval: BillingInterval): PriceLookupKey {
  return PLAN_PRICES[plan][interval].lookupKey;
}

/** Every sold price, in plan then interval order: what a key list or a zod enum should use. */
export const PRICES = PAID_PLAN_IDS.flatMap((plan) =>
  BILLING_INTERVALS.map((interval) => ({ lookupKey: lookupKeyFor(plan, interval), plan, interval })),
);
export const LOOKUP_KEYS: readonly PriceLookupKey[] = PRICES.map((p) => p.lookupKey);

/** Lookup key → the plan and interval it sells. Object.fromEntries forgets the key type. */
export const PRICE_LOOKUP_KEYS = Object.fromEntries(
  PRICES.map(({ lookupKey, plan, interval }) => [lookupKey, { plan, interval }]),
) as Record<PriceLookupKey, { plan: PaidPlanId; interval: BillingInterval }>;

export function isPriceLookupKey(value: unknown): value is PriceLookupKey {
  return typeof value === "string" && Object.hasOwn(PRICE_LOOKUP_KEYS, value);
}

export function planForLookupKey(lookupKey: string | null | undefined): PaidPlanId | null {
  return isPriceLookupKey(lookupKey) ? PRICE_LOOKUP_KEYS[lookupKey].plan : null;
}

/** Display price, e.g. "$29 / month" (USD cents in the policy). */
export function formatPrice(amountCents: number, interval: BillingInterval): string {
  const dollars = amountCents % 100 === 0 ? String(amountCents / 100) : (amountCents / 100).toFixed(2);
  return `$${dollars} / ${interval}`;
}
