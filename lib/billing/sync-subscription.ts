// The one way a subscription row changes: re-read the customer's current subscription from
// the billing provider and upsert it, keyed by the org (unique), in one transaction (the read
// comes before it for a remote provider: see below). Events
// are only hints about *which* customer to look at, so any order, any duplicate and any
// replay converge on the provider's current state. Used by the webhook and the seed.
//
// The webhook first tries settleIfUnchanged (node-postgres, no Prisma): most deliveries find
// the provider's state already stored and only need their event recorded. Everything else —
// a change to write, a customer to link or refuse — runs the Prisma transaction below. Both
// run the same SQL (billing-sql.ts) and make the same decision (nextRow).
import "server-only";
import type pg from "pg";
import type Stripe from "stripe";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { BillingProvider } from "@/lib/billing/provider";
import { applyPlanChange } from "@/lib/billing/apply-plan-change";
import { existingOf, licenseOf, nextRow, snapshotSubscription, type Existing } from "@/lib/billing/subscription-state";
import { logger } from "@/lib/log";
import { lockCustomer, recordEventAndLock, selectOrgByCustomer, selectOrgById } from "@/lib/billing/billing-sql";
import { settleIfUnchanged } from "@/lib/billing/settle-unchanged";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SyncOutcome =
  | { kind: "duplicate" }
  | { kind: "unknown_customer"; customerId: string }
  | { kind: "customer_mismatch"; customerId: string; orgId: string }
  | { kind: "no_subscription"; orgId: string }
  | { kind: "synced"; orgId: string; changed: boolean; planChanged: boolean };

// A remote provider (Stripe's HTTP API) is never called inside a database transaction: a
// transaction held open across an HTTP call keeps its locks and its connection for as long
// as the provider takes (and idle_in_transaction_session_timeout would end it). So the
// subscription is read first, and the transaction then locks, decides and writes. Reading
// before the lock gives up the lock's ordering (two syncs may commit in the other order of
// their reads), so convergence is restored after the fact: a sync that wrote re-reads the
// provider once it committed, and if the provider has moved on since its read, syncs again
// with the newer state. The last writer to commit therefore always confirmed, after its
// commit, that the provider still says what it wrote; any later change at the provider has
// an event of its own. (Alternatives considered: a session-level advisory lock held across
// fetch and upsert needs a dedicated session, which PgBouncer's transaction mode does not
// give; a freshness stamp on the row would need the fast path, which writes nothing, to
// write one on every delivery.) The local provider's objects are rows of this database, not
// HTTP: it is read inside the transaction, under the customer's lock, as before.
const MAX_CONFIRM_ROUNDS = 3;

type Current = Stripe.Subscription | null;
type SyncArgs = {
  db: PrismaClient;
  /** The webhook passes the pool: deliveries that change nothing settle on it (settle-unchanged.ts). */
  pool?: pg.Pool;
  provider: BillingProvider;
  customerId: string;
  /** From client_reference_id / metadata.org_id; used only when the customer is not linked yet. */
  orgIdHint?: string | null;
  /** When set, the event id is recorded in the same transaction (dedupe: exactly once). */
  event?: { id: string; type: string; created: number };
  now: Date;
};

export async function syncCustomerSubscription(args: SyncArgs): Promise<SyncOutcome> {
  const { provider, customerId } = args;
  if (provider.kind === "local") return syncWith(args, provider);

  let current = await provider.findSubscriptionForCustomer(customerId);
  let outcome = await syncWith(
    args,
    readingOnly(provider, () => current),
  );
  for (let round = 0; round < MAX_CONFIRM_ROUNDS && wrote(outcome); round++) {
    const latest = await provider.findSubscriptionForCustomer(customerId);
    if (sameState(latest, current)) return outcome;
    current = latest;
    // The event is recorded already: this round only brings the row up to the provider.
    const again = await syncWith(
      { ...args, pool: undefined, event: undefined },
      readingOnly(provider, () => current),
    );
    outcome =
      again.kind === "synced" && outcome.kind === "synced"
        ? { ...again, changed: true, planChanged: again.planChanged || outcome.planChanged }
        : again;
  }
  if (wrote(outcome))
    logger.warn(
      { event: "billing.sync_unconfirmed", customerId },
      "the provider kept changing during the sync; its next event will settle it",
    );
  return outcome;
}

const wrote = (o: SyncOutcome) => o.kind === "synced" && o.changed;

const sameState = (a: Current, b: Current) =>
  a === null || b === null ? a === b : JSON.stringify(snapshotSubscription(a)) === JSON.stringify(snapshotSubscription(b));

/** The provider as the transaction sees it: the subscription read before it opened, no I/O. */
function readingOnly(provider: BillingProvider, current: () => Current): BillingProvider {
  return { ...provider, findSubscriptionForCustomer: async () => current() };
}

async function syncWith({ db, pool, customerId, orgIdHint, event, now }: SyncArgs, provider: BillingProvider): Promise<SyncOutcome> {
  if (pool && event) {
    const settled = await settleIfUnchanged({ pool, provider, customerId, event, now });
    if (settled) return settled;
  }
  return db.$transaction(
    async (tx) => {
      // Record the event (dedupe) and take the customer's lock: see billing-sql.ts.
      if (event) {
        const recorded = await recordEventAndLock({ tx, event: { id: event.id, type: event.type, receivedAt: now, customerId } });
        if (!recorded) return { kind: "duplicate" } as const;
      } else {
        await lockCustomer({ tx, customerId });
      }

      const org = await resolveOrg({ tx, customerId, orgIdHint });
      if (org.kind !== "ok") return org.outcome;
      const orgId = org.orgId;

      const current = await provider.findSubscriptionForCustomer(customerId, { tx });
      if (!current) {
        logger.warn({ event: "billing.no_subscription", orgId, customerId }, "customer has no subscription at the provider");
        return { kind: "no_subscription", orgId } as const;
      }
      const existing: Existing = org.existing;
      const { data, changed } = nextRow({ existing, snap: snapshotSubscription(current), customerId, event, now });

      // Nothing to write when the provider's state is what we already hold (replays,
      // duplicates under other ids, hint-only events): the common case stays cheap.
      let planChanged = false;
      if (changed) {
        const after = licenseOf({ ...data }, now);
        const row = { ...data, noticedPlan: after.plan };
        await tx.subscription.upsert({ where: { orgId }, create: { orgId, ...row }, update: row });
        const result = await applyPlanChange({ tx, orgId, before: licenseOf(existing, now), after, now, source: event?.id ?? "sync" });
        planChanged = result.planChanged;
      }
      return { kind: "synced", orgId, changed, planChanged } as const;
    },
    // A busy customer's events queue on the advisory lock; give them room before failing
    // (a failure answers 500 and Stripe retries, so this is about noise, not correctness).
    { maxWait: 10_000, timeout: 30_000 },
  );
}

async function resolveOrg({
  tx,
  customerId,
  orgIdHint,
}: {
  tx: Db;
  customerId: string;
  orgIdHint?: string | null;
}): Promise<{ kind: "ok"; orgId: string; existing: Existing } | { kind: "refused"; outcome: SyncOutcome }> {
  const linked = await selectOrgByCustomer({ tx, customerId });
  if (linked) return { kind: "ok", orgId: linked.id, existing: existingOf(linked) };

  if (orgIdHint && UUID.test(orgIdHint)) {
    const org = await selectOrgById({ tx, orgId: orgIdHint });
    if (org && org.stripeCustomerId === null) {
      await tx.organization.update({ where: { id: org.id }, data: { stripeCustomerId: customerId } });
      return { kind: "ok", orgId: org.id, existing: existingOf(org) };
    }
    if (org) {
      // Never move an org to another customer on the word of metadata alone.
      logger.warn(
        { event: "billing.customer_mismatch", orgId: org.id, customerId },
        "org is linked to a different customer; event ignored",
      );
      return { kind: "refused", outcome: { kind: "customer_mismatch", customerId, orgId: org.id } };
    }
  }
  logger.warn({ event: "billing.unknown_customer", customerId }, "event for a customer no organisation is linked to; acknowledged");
  return { kind: "refused", outcome: { kind: "unknown_customer", customerId } };
}
