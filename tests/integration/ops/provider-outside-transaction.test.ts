// Fault: the billing provider's HTTP API called inside a database transaction that holds the
// customer's lock and row locks (a slow Stripe would hold them, and a connection, for as long
// as it takes). A remote provider is read before the transaction opens; convergence still
// holds when a read goes stale before its write commits.
import { beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { getPool } from "@/lib/db/client";
import { setBillingProviderForTests, type BillingProvider } from "@/lib/billing/provider";
import { lockKeyFor } from "@/lib/billing/billing-sql";
import { redeliver, setupCapturingProvider, subscribedOrg, subscriptionRow } from "@/tests/integration/billing/helpers";

let harness: ReturnType<typeof setupCapturingProvider>;
beforeAll(() => {
  harness = setupCapturingProvider();
});

/** Is the sync's customer lock (taken first thing in its transaction) held right now? */
async function customerLockHeld(customerId: string) {
  const { rows } = await getPool().query<{ n: number }>(
    `select count(*)::int as n from pg_locks
      where locktype = 'advisory' and objsubid = 1 and granted
        and ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
    [lockKeyFor(customerId)],
  );
  return rows[0]!.n > 0;
}

type Call = { insideTransaction: boolean; passedTransaction: boolean };
/** The local provider's objects behind a provider that behaves like Stripe (kind "stripe"). */
function remoteProvider(customerId: string, { staleFirstRead }: { staleFirstRead?: Stripe.Subscription } = {}) {
  const calls: Call[] = [];
  let stale = staleFirstRead;
  const provider: BillingProvider = {
    ...harness.provider,
    kind: "stripe",
    async findSubscriptionForCustomer(id, opts) {
      calls.push({ insideTransaction: await customerLockHeld(customerId), passedTransaction: Boolean(opts?.tx || opts?.pg) });
      if (stale) {
        const answer = stale;
        stale = undefined;
        return answer;
      }
      return harness.provider.findSubscriptionForCustomer(id);
    },
  };
  return { provider, calls };
}

describe("fault: the billing provider's HTTP call inside a transaction", () => {
  it("a remote provider is read only while no transaction holds the customer's lock, for changes and for no-ops alike", async () => {
    const { org, events, customerId } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
    harness.take();
    const remote = remoteProvider(customerId);
    setBillingProviderForTests(remote.provider);
    try {
      const created = events.find((e) => e.type === "customer.subscription.created")!;
      expect((await redeliver(created)).body.outcome).toBe("synced");
      expect((await subscriptionRow(org.id))?.plan).toBe("pro");
      // A second event for the same state settles on the fast path.
      const other = events.find((e) => e.id !== created.id)!;
      expect(["synced", "duplicate"]).toContain((await redeliver(other)).body.outcome);
      expect((await redeliver(created)).body.outcome).toBe("duplicate");

      expect(remote.calls.length).toBeGreaterThanOrEqual(2);
      expect(remote.calls.filter((c) => c.insideTransaction || c.passedTransaction)).toEqual([]);
    } finally {
      setBillingProviderForTests(harness.provider);
    }
  });

  it("a read that went stale before its write committed is corrected: the sync re-reads after writing and converges", async () => {
    const { org, events, customerId, subscription } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
    harness.take();
    expect((await redeliver(events.find((e) => e.type === "customer.subscription.created")!)).body.outcome).toBe("synced");

    // The provider changes twice: cancel at period end (e1), then resume (e2).
    await harness.provider.setCancelAtPeriodEnd({ subscriptionId: subscription.id, cancelAtPeriodEnd: true });
    const [e1] = harness.take();
    const staleRead = (await harness.provider.findSubscriptionForCustomer(customerId))!;
    await harness.provider.setCancelAtPeriodEnd({ subscriptionId: subscription.id, cancelAtPeriodEnd: false });
    const [e2] = harness.take();

    // e2's sync reads the final state (nothing to write); e1's sync read earlier, slowly, and
    // commits after it: without a re-read, the row would keep the stale cancellation.
    setBillingProviderForTests(harness.provider);
    expect((await redeliver(e2!.event)).body.outcome).toBe("synced");
    const remote = remoteProvider(customerId, { staleFirstRead: staleRead });
    setBillingProviderForTests(remote.provider);
    try {
      expect((await redeliver(e1!.event)).body.outcome).toBe("synced");
    } finally {
      setBillingProviderForTests(harness.provider);
    }
    expect((await subscriptionRow(org.id))?.cancelAtPeriodEnd).toBe(false);
    expect(remote.calls.filter((c) => c.insideTransaction || c.passedTransaction)).toEqual([]);
  });
});
