// Attacks on billing through the local provider, whose checkout grants any plan without a
// card: a production server must not run it unless a demo deployment opts in
// (TIERGATE_LOCAL_BILLING=1), and with Stripe configured its pages answer 404 and its
// operations are refused, even for a checkout session created while it was active.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { CurrentSession } from "@/lib/auth/load-session";
import { createLocalProvider } from "@/lib/billing/local/provider";
import { createStripeProvider } from "@/lib/billing/stripe-provider";
import { isLocalBilling, setBillingProviderForTests } from "@/lib/billing/provider";
import { completeLocalCheckout, runLocalPortalOperation, type LocalPortalInput } from "@/lib/billing/billing-requests";
import { createUserWithOrg } from "@/tests/helpers/factories";

const current = vi.hoisted(() => ({ session: null as CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));

const PRODUCTION = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://tiergate:tiergate@127.0.0.1:5432/tiergate",
  NEXTAUTH_SECRET: "production-secret-production-secret-0123",
  STRIPE_WEBHOOK_SECRET: "whsec_production",
  APP_URL: "https://tiergate.example",
  SMTP_URL: "smtp://mail.tiergate.example:587",
  STRIPE_SECRET_KEY: "",
  TIERGATE_LOCAL_BILLING: "",
  TIERGATE_TEST_CLOCK: "0",
};

/** lib/env.ts loaded afresh (it caches) under `vars`. */
async function loadEnvWith(vars: Record<string, string>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  vi.resetModules();
  const { env } = await import("@/lib/env");
  return () => env();
}

describe("attack: subscribing through the local provider's card-free checkout on a production server", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("production with no STRIPE_SECRET_KEY and no opt-in refuses to load, naming the variable and the opt-in", async () => {
    const load = await loadEnvWith(PRODUCTION);
    expect(load).toThrow(/STRIPE_SECRET_KEY: required in production/);
    expect(load).toThrow(/TIERGATE_LOCAL_BILLING=1/);
  });

  it("a demo deployment that sets TIERGATE_LOCAL_BILLING=1 loads", async () => {
    const load = await loadEnvWith({ ...PRODUCTION, TIERGATE_LOCAL_BILLING: "1" });
    expect(load().TIERGATE_LOCAL_BILLING).toBe("1");
  });

  it("an opt-in other than 0 or 1 is refused with its name", async () => {
    const load = await loadEnvWith({ ...PRODUCTION, TIERGATE_LOCAL_BILLING: "yes" });
    expect(load).toThrow(/TIERGATE_LOCAL_BILLING: TIERGATE_LOCAL_BILLING must be 0 or 1/);
  });

  it("production with Stripe keys loads without the opt-in", async () => {
    const load = await loadEnvWith({ ...PRODUCTION, STRIPE_SECRET_KEY: "sk_live_tiergate" });
    expect(load().STRIPE_SECRET_KEY).toBe("sk_live_tiergate");
  });
});

describe("attack: using the local checkout or portal once Stripe is configured", () => {
  let owner: Awaited<ReturnType<typeof createUserWithOrg>>;
  let session: CurrentSession;
  let checkoutId: string;

  beforeAll(async () => {
    owner = await createUserWithOrg({ plan: "free" });
    session = {
      sid: crypto.randomUUID(),
      user: { id: owner.user.id, email: owner.user.email, name: owner.user.name },
      org: { id: owner.org.id, name: owner.org.name, slug: owner.org.slug, personal: true },
      role: "owner",
      memberships: [{ orgId: owner.org.id, name: owner.org.name, role: "owner", personal: true }],
    };
    // A checkout session left open from when the deployment ran the local provider.
    const local = createLocalProvider({ db, webhookSecret: "whsec_test", appUrl: "http://localhost:3000", deliver: async () => {} });
    const started = await local.createCheckout({
      org: { ...owner.org, stripeCustomerId: null },
      plan: "enterprise",
      interval: "month",
      user: session.user,
    });
    checkoutId = new URL(started.url).searchParams.get("session")!;
    // Stripe mode: a real Stripe provider (any call to Stripe's API would fail offline).
    setBillingProviderForTests(createStripeProvider({ secretKey: "sk_test_tiergate", appUrl: "http://localhost:3000", db }));
    current.session = session;
  });

  it("the app reports that it is not in local billing mode", async () => {
    expect(await isLocalBilling()).toBe(false);
  });

  it("paying the local checkout is refused, and the org stays on Free with no subscription", async () => {
    const result = await completeLocalCheckout({
      session,
      data: { sessionId: checkoutId, lookupKey: "enterprise_monthly", trial: false },
    });
    expect(result).toEqual({
      ok: false,
      error: { kind: "invalid", fields: {}, message: "Billing is handled by Stripe in this deployment; use the Stripe pages instead." },
    });
    expect(await db.subscription.count({ where: { orgId: owner.org.id } })).toBe(0);
  });

  it("every local portal operation is refused", async () => {
    const ops: LocalPortalInput[] = [
      { op: "changePlan", lookupKey: "enterprise_yearly" },
      { op: "cancelNow" },
      { op: "payOutstanding" },
      { op: "endTrial" },
    ];
    for (const data of ops) {
      const result = await runLocalPortalOperation({ session, data });
      expect(result).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringMatching(/handled by Stripe/) } });
    }
    expect(await db.subscription.count({ where: { orgId: owner.org.id } })).toBe(0);
  });

  it("the local checkout and portal pages answer 404", async () => {
    const { default: CheckoutPage } = await import("@/app/(app)/billing/checkout/page");
    const { default: PortalPage } = await import("@/app/(app)/billing/portal/page");
    const notFound = { digest: "NEXT_HTTP_ERROR_FALLBACK;404" };
    await expect(CheckoutPage({ searchParams: Promise.resolve({ session: checkoutId }) })).rejects.toMatchObject(notFound);
    await expect(PortalPage()).rejects.toMatchObject(notFound);
  });
});
