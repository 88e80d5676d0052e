// What a plan change costs at the local provider, the way Stripe prorates with
// `proration_behavior: "always_invoice"`: the unused time of the old price is credited, the
// new price is charged for the rest of the period, and the difference is invoiced at once.
// Changing the interval (monthly ↔ yearly) resets the billing cycle to the moment of the
// change, so the new price is charged for a whole new period. A trial changes price without a
// charge: the first invoice comes when it ends. One function, used by the preview and by the
// change itself, so what the owner was shown is what is charged. Pure.
import { PLANS, PRICE_LOOKUP_KEYS, type PriceLookupKey } from "@/lib/licensing/policy";
import { addInterval } from "@/lib/billing/local/ids";

export type Proration = {
  /** Cents credited for the unused time of the old price. */
  credit: number;
  /** Cents charged for the new price until the period ends (a whole period on an interval change). */
  charge: number;
  /** The period after the change (unix seconds). */
  periodStart: number;
  periodEnd: number;
  resetsPeriod: boolean;
};

const amountOf = (key: PriceLookupKey) => {
  const { plan, interval } = PRICE_LOOKUP_KEYS[key];
  return PLANS[plan].prices[interval].amount;
};

export function prorate({
  from,
  to,
  quantity,
  periodStart,
  periodEnd,
  at,
  trialing,
}: {
  from: PriceLookupKey;
  to: PriceLookupKey;
  quantity: number;
  periodStart: number;
  periodEnd: number;
  /** The proration instant (unix seconds), inside the current period. */
  at: number;
  trialing: boolean;
}): Proration {
  const resetsPeriod = PRICE_LOOKUP_KEYS[from].interval !== PRICE_LOOKUP_KEYS[to].interval;
  const newPeriod = resetsPeriod
    ? { periodStart: at, periodEnd: Math.floor(addInterval(new Date(at * 1000), PRICE_LOOKUP_KEYS[to].interval).getTime() / 1000) }
    : { periodStart, periodEnd };
  if (trialing) return { credit: 0, charge: 0, resetsPeriod: false, periodStart, periodEnd };
  const length = Math.max(1, periodEnd - periodStart);
  const unused = Math.min(1, Math.max(0, (periodEnd - at) / length));
  const credit = Math.round(amountOf(from) * quantity * unused);
  const charge = resetsPeriod ? amountOf(to) * quantity : Math.round(amountOf(to) * quantity * unused);
  return { credit, charge, resetsPeriod, ...newPeriod };
}
