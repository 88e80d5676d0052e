// Builds the local provider's event envelopes and the Entitlements summary it reports with
// them. Casts: see fixture.ts.
import type Stripe from "stripe";
import { fixture } from "@/lib/billing/local/fixture";
import { LOCAL_API_VERSION, stripeId } from "@/lib/billing/local/ids";
import { FEATURES, type Feature } from "@/lib/licensing/policy";

/** What Stripe Entitlements would report for a customer on `features` (lookup key = our feature id). */
export function buildEntitlementSummary({ customer, features }: { customer: string; features: readonly Feature[] }) {
  return {
    ...fixture("entitlements.active_entitlement_summary"),
    object: "entitlements.active_entitlement_summary",
    customer,
    livemode: false,
    entitlements: {
      object: "list",
      has_more: false,
      url: "/v1/entitlements/active_entitlements",
      data: features.map((feature) => ({
        object: "entitlements.active_entitlement",
        id: `ent_local_${feature}`,
        livemode: false,
        lookup_key: feature,
        feature: {
          object: "entitlements.feature",
          id: `feat_local_${feature}`,
          active: true,
          livemode: false,
          lookup_key: feature,
          metadata: {},
          name: FEATURES[feature].label,
        },
      })),
    },
  };
}

export function buildEvent({ type, object, created }: { type: string; object: object; created: number }): Stripe.Event {
  return {
    ...fixture("event"),
    id: stripeId("evt"),
    object: "event",
    api_version: LOCAL_API_VERSION,
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as unknown as Stripe.Event;
}
