// The webhook's fast path. Stripe sends several events per change and retries and replays
// them, so most deliveries find the provider's state already stored: all they need is their
// event recorded. This settles those on one pooled node-postgres connection — BEGIN, record
// + lock, org and row, provider read, COMMIT — without Prisma, whose per-query CPU cost in the
// server was the largest part of an event's cost (docs/performance.md, webhook ingestion).
// Statements are unnamed: DATABASE_URL may point at PgBouncer in transaction mode, where
// consecutive transactions of one client land on different server connections, so a named
// statement prepared on one is missing (or already exists) on the next. Names bought no
// measurable speed on a direct connection either (docs/performance.md).
//
// Anything else — a change to write, a customer not linked yet, no subscription — rolls back
// and returns null; syncCustomerSubscription then runs the full Prisma transaction, which
// decides the same way (same SQL, same nextRow) and owns every write.
import "server-only";
import type pg from "pg";
import type { BillingProvider } from "@/lib/billing/provider";
import type { SyncOutcome } from "@/lib/billing/sync-subscription";
import { recordEventAndLockPg, selectOrgByCustomerPg } from "@/lib/billing/billing-sql";
import { existingOf, nextRow, snapshotSubscription } from "@/lib/billing/subscription-state";

type Settled = Extract<SyncOutcome, { kind: "duplicate" } | { kind: "synced" }>;

export async function settleIfUnchanged({
  pool,
  provider,
  customerId,
  event,
  now,
}: {
  pool: pg.Pool;
  provider: BillingProvider;
  customerId: string;
  event: { id: string; type: string; created: number };
  now: Date;
}): Promise<Settled | null> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const outcome = await settle(client);
    // Commit only a settled event: its dedupe mark is then the whole of its effect.
    await client.query(outcome?.kind === "synced" ? "COMMIT" : "ROLLBACK");
    client.release();
    return outcome;
  } catch (err) {
    // Never hand the pool a connection in an unknown transaction state: drop it (Postgres
    // rolls back), and let the webhook answer 500 so Stripe retries.
    client.release(err instanceof Error ? err : true);
    throw err;
  }

  async function settle(client: pg.PoolClient): Promise<Settled | null> {
    const recorded = await recordEventAndLockPg({ client, event: { id: event.id, type: event.type, receivedAt: now, customerId } });
    if (!recorded) return { kind: "duplicate" };

    const org = await selectOrgByCustomerPg({ client, customerId });
    if (!org) return null;
    const existing = existingOf(org);
    if (!existing) return null;

    const current = await provider.findSubscriptionForCustomer(customerId, { pg: client });
    if (!current) return null;
    const { changed } = nextRow({ existing, snap: snapshotSubscription(current), customerId, event, now });
    return changed ? null : { kind: "synced", orgId: org.id, changed: false, planChanged: false };
  }
}
