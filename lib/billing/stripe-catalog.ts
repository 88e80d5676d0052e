// The Stripe catalogue tiergate needs, derived from the policy file (pure), and the
// idempotent reconcile that makes a Stripe account match it (`npm run stripe:setup`):
//   - one Entitlements feature per policy feature (lookup_key = our feature id);
//   - one product per paid plan (fixed id `tiergate_<plan>`) with its features attached;
//   - one recurring price per lookup key. Prices are immutable in Stripe: when the amount or
//     interval changed, a new price takes the lookup key over (`transfer_lookup_key`) and
//     the old one is archived, so Checkout by lookup key always finds the current price.
import type Stripe from "stripe";
import { FEATURES, PLANS, PRICE_LOOKUP_KEYS, type Feature, type PlanId, type PriceLookupKey } from "@/lib/licensing/policy";

export type CatalogSpec = {
  features: { lookupKey: Feature; name: string }[];
  products: { id: string; plan: Exclude<PlanId, "free">; name: string; description: string; features: Feature[] }[];
  prices: { lookupKey: PriceLookupKey; productId: string; unitAmount: number; currency: "usd"; interval: "month" | "year" }[];
};

export const productIdFor = (plan: Exclude<PlanId, "free">) => `tiergate_${plan}`;

export function buildCatalogSpec(): CatalogSpec {
  const paid = (["pro", "enterprise"] as const).filter((p) => PLANS[p].prices !== null);
  return {
    features: (Object.keys(FEATURES) as Feature[]).map((f) => ({ lookupKey: f, name: FEATURES[f].label })),
    products: paid.map((plan) => ({
      id: productIdFor(plan),
      plan,
      name: `tiergate ${PLANS[plan].name}`,
      description: PLANS[plan].tagline,
      features: [...PLANS[plan].features],
    })),
    prices: (Object.keys(PRICE_LOOKUP_KEYS) as PriceLookupKey[]).map((lookupKey) => {
      const { plan, interval } = PRICE_LOOKUP_KEYS[lookupKey];
      return { lookupKey, productId: productIdFor(plan), unitAmount: PLANS[plan].prices[interval].amount, currency: "usd", interval };
    }),
  };
}

export type ReconcileLog = (line: string) => void;

/** Makes the Stripe account match `spec`. Safe to run any number of times. */
// long: one idempotent pass over products, prices and meters in Stripe's order of dependence; each step reads the ids the step before made
export async function reconcileStripeCatalog({
  stripe,
  spec = buildCatalogSpec(),
  log,
}: {
  stripe: Stripe;
  spec?: CatalogSpec;
  log: ReconcileLog;
}) {
  // 1. Entitlements features, by lookup key.
  const featureIds = new Map<Feature, string>();
  for (const f of spec.features) {
    const existing = (await stripe.entitlements.features.list({ lookup_key: f.lookupKey, limit: 1 })).data[0];
    if (!existing) {
      const created = await stripe.entitlements.features.create({
        lookup_key: f.lookupKey,
        name: f.name,
        metadata: { tiergate_feature: f.lookupKey },
      });
      featureIds.set(f.lookupKey, created.id);
      log(`feature ${f.lookupKey}: created ${created.id}`);
    } else {
      if (existing.name !== f.name || !existing.active)
        await stripe.entitlements.features.update(existing.id, { name: f.name, active: true });
      featureIds.set(f.lookupKey, existing.id);
      log(`feature ${f.lookupKey}: ok ${existing.id}`);
    }
  }

  // 2. Products (fixed ids) and their attached features.
  for (const p of spec.products) {
    let product: Stripe.Product | null = null;
    try {
      product = await stripe.products.retrieve(p.id);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    }
    if (!product) {
      await stripe.products.create({ id: p.id, name: p.name, description: p.description, metadata: { tiergate_plan: p.plan } });
      log(`product ${p.id}: created`);
    } else if (product.name !== p.name || product.description !== p.description || !product.active) {
      await stripe.products.update(p.id, { name: p.name, description: p.description, active: true, metadata: { tiergate_plan: p.plan } });
      log(`product ${p.id}: updated`);
    } else {
      log(`product ${p.id}: ok`);
    }
    const attached = new Map<string, string>(); // feature id → product_feature id
    for await (const pf of stripe.products.listFeatures(p.id, { limit: 100 })) attached.set(pf.entitlement_feature.id, pf.id);
    const wanted = new Set(p.features.map((f) => featureIds.get(f)!));
    for (const featureId of wanted) {
      if (!attached.has(featureId)) {
        await stripe.products.createFeature(p.id, { entitlement_feature: featureId });
        log(`product ${p.id}: attached ${featureId}`);
      }
    }
    for (const [featureId, productFeatureId] of attached) {
      if (!wanted.has(featureId)) {
        await stripe.products.deleteFeature(p.id, productFeatureId);
        log(`product ${p.id}: detached ${featureId}`);
      }
    }
  }

  // 3. Prices, by lookup key.
  const existing = await stripe.prices.list({ lookup_keys: spec.prices.map((p) => p.lookupKey), active: true, limit: 100 });
  for (const want of spec.prices) {
    const have = existing.data.find((p) => p.lookup_key === want.lookupKey);
    const matches =
      have &&
      have.unit_amount === want.unitAmount &&
      have.currency === want.currency &&
      have.recurring?.interval === want.interval &&
      (typeof have.product === "string" ? have.product : have.product.id) === want.productId;
    if (matches) {
      log(`price ${want.lookupKey}: ok ${have.id}`);
      continue;
    }
    const created = await stripe.prices.create({
      product: want.productId,
      currency: want.currency,
      unit_amount: want.unitAmount,
      recurring: { interval: want.interval },
      lookup_key: want.lookupKey,
      transfer_lookup_key: true,
      metadata: { tiergate_lookup_key: want.lookupKey },
    });
    if (have) await stripe.prices.update(have.id, { active: false });
    log(`price ${want.lookupKey}: ${have ? `replaced ${have.id} with` : "created"} ${created.id}`);
  }
}
