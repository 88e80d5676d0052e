// Which of a customer's subscriptions decides its access. A customer can own several over
// time (cancelled, then subscribed again); the webhook syncs "the customer's current one",
// not "the one this event mentions", so a late event about an old, cancelled subscription
// can never overwrite a newer live one. Pure.
import type Stripe from "stripe";

const STATUS_RANK: Record<string, number> = {
  active: 0,
  trialing: 0,
  past_due: 1,
  unpaid: 2,
  paused: 2,
  incomplete: 3,
  canceled: 4,
  incomplete_expired: 5,
};

type Candidate = Pick<Stripe.Subscription, "id" | "status" | "created">;

export function pickCurrentSubscription<T extends Candidate>(subscriptions: readonly T[]): T | null {
  let best: T | null = null;
  for (const s of subscriptions) {
    if (!best) {
      best = s;
      continue;
    }
    const a = STATUS_RANK[s.status] ?? 9;
    const b = STATUS_RANK[best.status] ?? 9;
    // Lower rank wins; on a tie the newest wins; ids break exact ties so the pick is stable.
    if (a < b || (a === b && (s.created > best.created || (s.created === best.created && s.id > best.id)))) best = s;
  }
  return best;
}
