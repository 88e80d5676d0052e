import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getLicense, OrganizationNotFoundError } from "@/lib/licensing/get-license";
import { toLicenseResponse } from "@/lib/licensing/license-response";
import { seedSubscription } from "@/lib/billing/seed-subscription";
import { createUserWithOrg } from "@/tests/helpers/factories";
import { redeliver, setupCapturingProvider, subscribedOrg } from "../billing/helpers";

let harness: ReturnType<typeof setupCapturingProvider>;
beforeAll(() => {
  harness = setupCapturingProvider();
});

describe("getLicense", () => {
  it("an org that never subscribed is on free", async () => {
    const { org } = await createUserWithOrg();
    const license = await getLicense({ orgId: org.id });
    expect(license).toMatchObject({
      orgId: org.id,
      plan: "free",
      subscribedPlan: "free",
      status: null,
      features: ["reports"],
      cancelAtPeriodEnd: false,
      stepUpOverrides: {},
    });
    expect(license.limits).toEqual({ reportHistoryDays: 90, seats: 3, apiKeys: 0 });
  });

  it("unknown org → OrganizationNotFoundError", async () => {
    await expect(getLicense({ orgId: crypto.randomUUID() })).rejects.toBeInstanceOf(OrganizationNotFoundError);
  });

  it("past_due beyond the grace period: pays for pro, gets free", async () => {
    const { org, subscription, events } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
    await harness.provider.failRenewal({ subscriptionId: subscription.id });
    for (const e of [...events, ...harness.take().map((d) => d.event)]) await redeliver(e);
    const row = await db.subscription.findUniqueOrThrow({ where: { orgId: org.id } });
    expect(row.status).toBe("past_due");
    const sixDays = await getLicense({ orgId: org.id, now: new Date(row.pastDueSince!.getTime() + 6 * 86_400_000) });
    expect(sixDays).toMatchObject({ plan: "pro", subscribedPlan: "pro", reason: "past_due_grace" });
    const eightDays = await getLicense({ orgId: org.id, now: new Date(row.pastDueSince!.getTime() + 8 * 86_400_000) });
    expect(eightDays).toMatchObject({ plan: "free", subscribedPlan: "pro", status: "past_due", features: ["reports"] });
  });

  it("step-up overrides are validated and only apply with security_policy", async () => {
    const { org, events } = await subscribedOrg({ provider: harness.provider, plan: "enterprise" });
    harness.take();
    for (const e of events) await redeliver(e);
    await db.orgSecurityPolicy.create({
      data: { orgId: org.id, overrides: { "exports.csv": "once", "nope.action": "strict", "admin.view": "forever" } },
    });
    expect((await getLicense({ orgId: org.id })).stepUpOverrides).toEqual({ "exports.csv": "once" });

    const { org: proOrg, events: proEvents } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
    harness.take();
    for (const e of proEvents) await redeliver(e);
    await db.orgSecurityPolicy.create({ data: { orgId: proOrg.id, overrides: { "exports.csv": "once" } } });
    expect((await getLicense({ orgId: proOrg.id })).stepUpOverrides).toEqual({});
  });

  it("the API response shape", async () => {
    const { org, subscription, events } = await subscribedOrg({ provider: harness.provider, plan: "pro", trialDays: 14 });
    harness.take();
    for (const e of events) await redeliver(e);
    const body = toLicenseResponse({ org: { id: org.id, name: org.name, slug: org.slug }, license: await getLicense({ orgId: org.id }) });
    expect(body).toMatchObject({
      org: { id: org.id },
      plan: "pro",
      status: "trialing",
      features: ["reports", "csv_export", "api_access"],
      cancelAtPeriodEnd: false,
      trialEnd: new Date(subscription.trial_end! * 1000).toISOString(),
      currentPeriodEnd: new Date(subscription.items.data[0]!.current_period_end * 1000).toISOString(),
    });
  });
});

describe("seedSubscription", () => {
  it("gives a seeded org a local-provider subscription synced like a webhook would", async () => {
    const { org } = await createUserWithOrg();
    await seedSubscription({ db, orgId: org.id, plan: "enterprise" });
    const fresh = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(fresh.stripeCustomerId).toMatch(/^cus_/);
    const row = await db.subscription.findUniqueOrThrow({ where: { orgId: org.id } });
    expect(row).toMatchObject({
      status: "active",
      plan: "enterprise",
      priceLookupKey: "enterprise_monthly",
      stripeCustomerId: fresh.stripeCustomerId,
    });
    const stored = await db.localBillingObject.findUniqueOrThrow({ where: { id: row.stripeSubscriptionId } });
    expect(stored.type).toBe("subscription");
    expect((await getLicense({ orgId: org.id })).plan).toBe("enterprise");
  });
});
