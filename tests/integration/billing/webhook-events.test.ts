// Each allow-listed event type, built from Stripe's fixture objects and signed, moves the
// org to the provider's current state; bad input is refused with 400 and writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { db } from "@/lib/db/client";
import { HANDLED_EVENT_TYPES } from "@/lib/billing/handle-stripe-webhook";
import { createUserWithOrg } from "@/tests/helpers/factories";
import subscriptionFixture from "@/tests/fixtures/stripe/subscription.json";
import invoiceFixture from "@/tests/fixtures/stripe/invoice.json";
import checkoutFixture from "@/tests/fixtures/stripe/checkout.session.json";
import summaryFixture from "@/tests/fixtures/stripe/entitlements.active_entitlement_summary.json";
import { SECRET, fixtureEvent, postWebhook, setupCapturingProvider, subscribedOrg, subscriptionRow } from "./helpers";

let harness: ReturnType<typeof setupCapturingProvider>;
beforeAll(() => {
  harness = setupCapturingProvider();
});

const evtId = () => `evt_test_${crypto.randomUUID().replaceAll("-", "")}`;

/** The fixture object for an event type, pointed at our customer/subscription/org. */
function objectFor(type: string, ids: { customer: string; subscription: string; orgId: string }): object {
  if (type.startsWith("customer.subscription.")) {
    return { ...structuredClone(subscriptionFixture), id: ids.subscription, customer: ids.customer, metadata: { org_id: ids.orgId } };
  }
  if (type.startsWith("invoice.")) {
    return {
      ...structuredClone(invoiceFixture),
      customer: ids.customer,
      parent: {
        quote_details: null,
        subscription_details: { metadata: { org_id: ids.orgId }, subscription: ids.subscription },
        type: "subscription_details",
      },
    };
  }
  if (type === "checkout.session.completed") {
    return {
      ...structuredClone(checkoutFixture),
      mode: "subscription",
      status: "complete",
      customer: ids.customer,
      subscription: ids.subscription,
      client_reference_id: ids.orgId,
    };
  }
  return { ...structuredClone(summaryFixture), customer: ids.customer };
}

describe("each allow-listed event type syncs the provider's current subscription", () => {
  for (const type of HANDLED_EVENT_TYPES) {
    it(type, async () => {
      const { org, subscription, customerId } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
      harness.take(); // the real events are not delivered: only the fixture-built one
      expect(await subscriptionRow(org.id)).toBeNull();

      const { payload, signature } = fixtureEvent({
        id: evtId(),
        type,
        object: objectFor(type, { customer: customerId, subscription: subscription.id, orgId: org.id }),
      });
      const res = await postWebhook(payload, signature);
      expect(res).toEqual({ status: 200, body: { received: true, outcome: "synced" } });

      // The fixture's own fields (status "active", cancel_at_period_end true, weird period
      // numbers) are ignored: the row is the provider's object.
      const row = await subscriptionRow(org.id);
      expect(row).toMatchObject({
        stripeSubscriptionId: subscription.id,
        stripeCustomerId: customerId,
        status: "active",
        plan: "pro",
        priceLookupKey: "pro_monthly",
        cancelAtPeriodEnd: false,
        seats: 1,
        currentPeriodEnd: new Date(subscription.items.data[0]!.current_period_end * 1000),
      });
      expect(await db.processedEvent.count({ where: { id: JSON.parse(payload).id } })).toBe(1);
    });
  }
});

describe("linking and unknowns", () => {
  it("links an org by client_reference_id when the customer is not linked yet", async () => {
    const { org, subscription, customerId } = await subscribedOrg({ provider: harness.provider });
    harness.take();
    await db.organization.update({ where: { id: org.id }, data: { stripeCustomerId: null } });
    const { payload, signature } = fixtureEvent({
      id: evtId(),
      type: "checkout.session.completed",
      object: {
        ...structuredClone(checkoutFixture),
        mode: "subscription",
        customer: customerId,
        subscription: subscription.id,
        client_reference_id: org.id,
        metadata: {},
      },
    });
    expect((await postWebhook(payload, signature)).body.outcome).toBe("synced");
    expect((await db.organization.findUnique({ where: { id: org.id } }))?.stripeCustomerId).toBe(customerId);
    expect((await subscriptionRow(org.id))?.plan).toBe("pro");
  });

  it("acknowledges an unknown customer (200) and writes no subscription", async () => {
    const { payload, signature } = fixtureEvent({
      id: evtId(),
      type: "customer.subscription.updated",
      object: { ...structuredClone(subscriptionFixture), id: "sub_nobody", customer: "cus_nobody" },
    });
    const res = await postWebhook(payload, signature);
    expect(res).toEqual({ status: 200, body: { received: true, outcome: "unknown_customer" } });
    expect(await db.subscription.count({ where: { stripeCustomerId: "cus_nobody" } })).toBe(0);
  });

  it("never moves an org that is linked to another customer", async () => {
    const { org } = await createUserWithOrg();
    await db.organization.update({ where: { id: org.id }, data: { stripeCustomerId: "cus_theirs_" + org.id.slice(0, 8) } });
    const { payload, signature } = fixtureEvent({
      id: evtId(),
      type: "customer.subscription.created",
      object: { ...structuredClone(subscriptionFixture), customer: "cus_attacker", metadata: { org_id: org.id } },
    });
    expect((await postWebhook(payload, signature)).body.outcome).toBe("customer_mismatch");
    expect(await subscriptionRow(org.id)).toBeNull();
  });

  it("acknowledges event types outside the allow-list without recording them", async () => {
    const id = evtId();
    const { payload, signature } = fixtureEvent({ id, type: "charge.succeeded", object: { id: "ch_1", object: "charge" } });
    expect(await postWebhook(payload, signature)).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });
    expect(await db.processedEvent.count({ where: { id } })).toBe(0);
  });
});

describe("duplicates", () => {
  it("a second delivery of the same event is acknowledged and applied once", async () => {
    const { org, events } = await subscribedOrg({ provider: harness.provider });
    harness.take();
    const first = fixtureEvent({ id: events[0]!.id, type: events[0]!.type, object: events[0]!.data.object });
    const again = fixtureEvent({ id: events[0]!.id, type: events[0]!.type, object: events[0]!.data.object });
    expect((await postWebhook(first.payload, first.signature)).body.outcome).toBe("synced");
    expect((await postWebhook(again.payload, again.signature)).body.outcome).toBe("duplicate");
    expect(await db.processedEvent.count({ where: { id: events[0]!.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "billing.planChanged" } })).toBe(1);
  });
});

describe("bad input → 400, nothing written", () => {
  async function expectNothingWritten(id: string, orgId: string) {
    expect(await db.processedEvent.count({ where: { id } })).toBe(0);
    expect(await subscriptionRow(orgId)).toBeNull();
  }
  async function setup() {
    const { org, subscription, customerId } = await subscribedOrg({ provider: harness.provider });
    harness.take();
    const id = evtId();
    const object = { ...structuredClone(subscriptionFixture), id: subscription.id, customer: customerId };
    return { org, id, object };
  }

  it("missing signature header", async () => {
    const { org, id, object } = await setup();
    const { payload } = fixtureEvent({ id, type: "customer.subscription.updated", object });
    expect(await postWebhook(payload, null)).toEqual({ status: 400, body: { error: "Missing Stripe-Signature header" } });
    await expectNothingWritten(id, org.id);
  });

  it("forged signature (wrong secret)", async () => {
    const { org, id, object } = await setup();
    const { payload } = fixtureEvent({ id, type: "customer.subscription.updated", object });
    const forged = Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_not_the_real_secret" });
    expect((await postWebhook(payload, forged)).status).toBe(400);
    await expectNothingWritten(id, org.id);
  });

  it("tampered body (signature of a different payload)", async () => {
    const { org, id, object } = await setup();
    const { payload, signature } = fixtureEvent({ id, type: "customer.subscription.updated", object });
    const tampered = payload.replace('"customer.subscription.updated"', '"customer.subscription.deleted"');
    expect((await postWebhook(tampered, signature)).status).toBe(400);
    await expectNothingWritten(id, org.id);
  });

  it("stale: signed 301 s ago (tolerance is 300 s)", async () => {
    const { org, id, object } = await setup();
    const { payload, signature } = fixtureEvent({
      id,
      type: "customer.subscription.updated",
      object,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(await postWebhook(payload, signature)).toEqual({ status: 400, body: { error: "Invalid signature" } });
    await expectNothingWritten(id, org.id);
  });

  it("still fresh at 290 s", async () => {
    const { id, object } = await setup();
    const { payload, signature } = fixtureEvent({
      id,
      type: "customer.subscription.updated",
      object,
      timestamp: Math.floor(Date.now() / 1000) - 290,
    });
    expect((await postWebhook(payload, signature)).status).toBe(200);
  });

  it("validly signed but not JSON / not an event", async () => {
    const notJson = "{not json";
    expect((await postWebhook(notJson, Stripe.webhooks.generateTestHeaderString({ payload: notJson, secret: SECRET }))).status).toBe(400);
    const notEvent = JSON.stringify({ hello: "world" });
    expect(await postWebhook(notEvent, Stripe.webhooks.generateTestHeaderString({ payload: notEvent, secret: SECRET }))).toEqual({
      status: 400,
      body: { error: "Malformed event" },
    });
  });
});
