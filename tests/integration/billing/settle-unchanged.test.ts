// The webhook's node-postgres fast path: a delivery that finds the provider's state already
// stored is recorded and committed with no write; anything else rolls back (nothing
// recorded) for the Prisma transaction to handle; a failure records nothing and answers 500.
import { beforeAll, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db/client";
import { setBillingProviderForTests, type BillingProvider } from "@/lib/billing/provider";
import { settleIfUnchanged } from "@/lib/billing/settle-unchanged";
import { redeliver, setupCapturingProvider, subscribedOrg, subscriptionRow } from "./helpers";

let harness: ReturnType<typeof setupCapturingProvider>;
beforeAll(() => {
  harness = setupCapturingProvider();
});

const evt = () => ({
  id: `evt_settle_${crypto.randomUUID().replaceAll("-", "")}`,
  type: "customer.subscription.updated",
  created: Math.floor(Date.now() / 1000),
});
const recorded = (id: string) => db.processedEvent.count({ where: { id } });

/** An org whose Subscription row already holds the provider's state. */
async function syncedOrg() {
  const s = await subscribedOrg({ provider: harness.provider, plan: "pro" });
  harness.take();
  expect((await redeliver(s.events.find((e) => e.type === "customer.subscription.created")!)).body.outcome).toBe("synced");
  return s;
}

describe("settleIfUnchanged", () => {
  it("records an event that changes nothing, writes nothing, and sees its id again as a duplicate", async () => {
    const { org, customerId } = await syncedOrg();
    const before = await subscriptionRow(org.id);
    const event = evt();
    const settle = () => settleIfUnchanged({ pool, provider: harness.provider, customerId, event, now: new Date() });

    expect(await settle()).toEqual({ kind: "synced", orgId: org.id, changed: false, planChanged: false });
    expect(await recorded(event.id)).toBe(1);
    expect((await subscriptionRow(org.id))?.updatedAt).toEqual(before?.updatedAt);
    expect(await settle()).toEqual({ kind: "duplicate" });
  });

  it("compares stored times correctly whatever the server's local time zone", async () => {
    const { customerId } = await syncedOrg();
    const tz = process.env.TZ;
    process.env.TZ = "America/Los_Angeles"; // timestamps read or written as local time would differ by hours
    try {
      const outcome = await settleIfUnchanged({ pool, provider: harness.provider, customerId, event: evt(), now: new Date() });
      expect(outcome?.kind).toBe("synced");
    } finally {
      process.env.TZ = tz;
    }
  });

  it("leaves a change (cancel_at_period_end) to the full sync: rolls back, records nothing", async () => {
    const { org, subscription, customerId } = await syncedOrg();
    await harness.provider.setCancelAtPeriodEnd({ subscriptionId: subscription.id, cancelAtPeriodEnd: true });
    const [delivered] = harness.take();
    const event = evt();
    expect(await settleIfUnchanged({ pool, provider: harness.provider, customerId, event, now: new Date() })).toBeNull();
    expect(await recorded(event.id)).toBe(0);

    // Through the webhook the same state change is written (and NOTIFYed) once.
    expect((await redeliver(delivered!.event)).body.outcome).toBe("synced");
    expect((await subscriptionRow(org.id))?.cancelAtPeriodEnd).toBe(true);
  });

  it("leaves unknown and not-yet-synced customers to the full sync", async () => {
    const unknown = evt();
    expect(
      await settleIfUnchanged({ pool, provider: harness.provider, customerId: "cus_settle_nobody", event: unknown, now: new Date() }),
    ).toBeNull();
    expect(await recorded(unknown.id)).toBe(0);

    const { customerId } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
    harness.take();
    const first = evt();
    expect(await settleIfUnchanged({ pool, provider: harness.provider, customerId, event: first, now: new Date() })).toBeNull();
    expect(await recorded(first.id)).toBe(0);
  });
});

describe("a failure on the fast path", () => {
  it("answers 500 with nothing recorded; the retry applies once", async () => {
    const { org, subscription, customerId } = await syncedOrg();
    await harness.provider.setCancelAtPeriodEnd({ subscriptionId: subscription.id, cancelAtPeriodEnd: true });
    const [delivered] = harness.take();
    let failures = 1;
    const failing: BillingProvider = {
      ...harness.provider,
      async findSubscriptionForCustomer(id, opts) {
        if (opts?.pg && failures-- > 0) throw new Error("connection lost");
        return harness.provider.findSubscriptionForCustomer(id, opts);
      },
    };
    setBillingProviderForTests(failing);
    try {
      expect((await redeliver(delivered!.event)).status).toBe(500);
      expect(await recorded(delivered!.event.id)).toBe(0);
      expect((await subscriptionRow(org.id))?.cancelAtPeriodEnd).toBe(false);

      expect((await redeliver(delivered!.event)).body.outcome).toBe("synced");
      expect((await redeliver(delivered!.event)).body.outcome).toBe("duplicate");
      expect((await subscriptionRow(org.id))?.cancelAtPeriodEnd).toBe(true);
      expect(customerId).toBe(subscription.customer);
    } finally {
      setBillingProviderForTests(harness.provider);
    }
  });
});
