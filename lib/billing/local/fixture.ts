// Stripe's own published example objects (stripe-fixtures.json, MIT, see
// STRIPE-FIXTURES-LICENSE.md). Every local object starts from one, so every field Stripe
// sends is present; the builders then set the fields that carry meaning and clear the
// example's placeholder values (discounts, pending updates, quotes…) a plain subscription lacks.
//
// Why each builder ends in one cast: a JSON import types every string as `string` and every
// null as `null`, so TypeScript cannot match the example against Stripe's literal unions and
// nullable fields. The cast sits once at each object's construction point (build-*.ts); the
// store (store.ts) hands the objects back under the same types, and nothing else casts them.
import fixtures from "@/lib/billing/local/stripe-fixtures.json";

type Fixtures = typeof fixtures;

/** A fresh copy of Stripe's example `name` (the builders mutate what they return). */
export function fixture<K extends keyof Fixtures>(name: K): Fixtures[K] {
  return structuredClone(fixtures[name]);
}
