// A full lifecycle — trial → active → past_due → active → canceled — whose events arrive
// shuffled (several seeded permutations), each twice, and concurrently: the org always ends
// in the provider's final state, and each event id is processed exactly once.
import { beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { db } from "@/lib/db/client";
import { snapshotSubscription } from "@/lib/billing/subscription-state";
import { getLicense } from "@/lib/licensing/get-license";
import { redeliver, seededShuffle, setupCapturingProvider, subscribedOrg, subscriptionRow } from "./helpers";

let harness: ReturnType<typeof setupCapturingProvider>;
beforeAll(() => {
  harness = setupCapturingProvider();
});

async function runLifecycle() {
  const { org, subscription } = await subscribedOrg({ provider: harness.provider, plan: "pro", trialDays: 14 });
  expect(subscription.status).toBe("trialing");
  const p = harness.provider;
  await p.endTrial({ subscriptionId: subscription.id }); // → active
  await p.failRenewal({ subscriptionId: subscription.id }); // → past_due
  await p.payOutstanding({ subscriptionId: subscription.id }); // → active
  await p.cancelNow({ subscriptionId: subscription.id }); // → canceled
  const events = harness.take().map((d) => d.event);
  const final = (await p.retrieveSubscription(subscription.id))!;
  expect(final.status).toBe("canceled");
  return { org, events, final };
}

function expectRowMatches(row: Awaited<ReturnType<typeof subscriptionRow>>, sub: Stripe.Subscription) {
  const snap = snapshotSubscription(sub);
  expect(row).toMatchObject({
    stripeSubscriptionId: snap.stripeSubscriptionId,
    status: snap.status,
    plan: snap.plan,
    priceLookupKey: snap.priceLookupKey,
    currentPeriodEnd: snap.currentPeriodEnd,
    cancelAtPeriodEnd: snap.cancelAtPeriodEnd,
    trialEnd: snap.trialEnd,
    seats: snap.seats,
  });
}

describe("lifecycle delivered in any order, each event twice", () => {
  for (const seed of [1, 7, 42, 1337, 90210]) {
    it(`seed ${seed}`, async () => {
      const { org, events, final } = await runLifecycle();
      expect(new Set(events.map((e) => e.type))).toEqual(
        new Set([
          "customer.subscription.created",
          "invoice.paid",
          "checkout.session.completed",
          "entitlements.active_entitlement_summary.updated",
          "customer.subscription.updated",
          "invoice.payment_failed",
          "customer.subscription.deleted",
        ]),
      );
      const deliveries = seededShuffle([...events, ...events], seed);
      const outcomes: string[] = [];
      for (const event of deliveries) {
        const res = await redeliver(event);
        expect(res.status).toBe(200);
        outcomes.push(res.body.outcome!);
      }
      expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(events.length);
      expectRowMatches(await subscriptionRow(org.id), final);
      expect((await getLicense({ orgId: org.id })).plan).toBe("free");
      expect(await db.processedEvent.count({ where: { id: { in: events.map((e) => e.id) } } })).toBe(events.length);
    });
  }
});

describe("interleaved with the provider's changes", () => {
  it("after every delivery the row equals the provider's state at that moment", async () => {
    const { org, subscription } = await subscribedOrg({ provider: harness.provider, plan: "pro", trialDays: 7 });
    const p = harness.provider;
    const steps = [
      () => p.endTrial({ subscriptionId: subscription.id }),
      () => p.changePlan({ subscriptionId: subscription.id, lookupKey: "enterprise_yearly" }),
      () => p.failRenewal({ subscriptionId: subscription.id }),
      () => p.payOutstanding({ subscriptionId: subscription.id }),
      () => p.setCancelAtPeriodEnd({ subscriptionId: subscription.id, cancelAtPeriodEnd: true }),
    ];
    let pending = harness.take().map((d) => d.event);
    for (const [i, step] of steps.entries()) {
      // Deliver a shuffled half of what is pending (some events arrive late, after newer ones).
      const batch = seededShuffle(pending, i + 11).slice(0, Math.ceil(pending.length / 2));
      pending = pending.filter((e) => !batch.includes(e));
      for (const e of batch) {
        expect((await redeliver(e)).status).toBe(200);
        expectRowMatches(await subscriptionRow(org.id), (await p.retrieveSubscription(subscription.id))!);
      }
      await step();
      pending.push(...harness.take().map((d) => d.event));
    }
    for (const e of seededShuffle(pending, 99)) expect((await redeliver(e)).status).toBe(200);
    const final = (await p.retrieveSubscription(subscription.id))!;
    expectRowMatches(await subscriptionRow(org.id), final);
    const license = await getLicense({ orgId: org.id });
    expect(license).toMatchObject({ plan: "enterprise", status: "active", cancelAtPeriodEnd: true, priceLookupKey: "enterprise_yearly" });
  });
});

describe("concurrent delivery", () => {
  it("the same events delivered all at once (each three times) apply exactly once and converge", async () => {
    const { org, events, final } = await runLifecycle();
    const all = seededShuffle([...events, ...events, ...events], 5);
    const results = await Promise.all(all.map((e) => redeliver(e)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.outcome === "duplicate")).toHaveLength(events.length * 2);
    expectRowMatches(await subscriptionRow(org.id), final);
    expect(await db.processedEvent.count({ where: { id: { in: events.map((e) => e.id) } } })).toBe(events.length);
  });

  it("plan changes revoke the org's live step-up grants, once", async () => {
    const { org, user, events } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
    harness.take();
    const now = new Date();
    const grant = await db.stepUpGrant.create({
      data: {
        userId: user.id,
        orgId: org.id,
        method: "passkey",
        strength: "phishing_resistant",
        level: "moderate",
        verifiedAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
      },
    });
    await Promise.all(events.map((e) => redeliver(e)));
    const revoked = await db.stepUpGrant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(revoked.revokedReason).toBe("plan_changed");
    expect(revoked.revokedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "billing.planChanged" } })).toBe(1);
  });
});
