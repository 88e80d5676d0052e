// The one way a subscription row changes: re-read the customer's current subscription from
// the billing provider and upsert it, keyed by the org (unique), in one transaction. Events
// are only hints about *which* customer to look at, so any order, any duplicate and any
// replay converge on the provider's current state. Used by the webhook and the seed.
import "server-only";
import type Stripe from "stripe";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { BillingProvider } from "@/lib/billing/provider";
import { applyPlanChange, type LicenseSnapshot } from "@/lib/billing/apply-plan-change";
import { resolveAccess } from "@/lib/licensing/access";
import { planForLookupKey, type PlanId } from "@/lib/licensing/policy";
import { logger } from "@/lib/log";

export type SyncOutcome =
  | { kind: "duplicate" }
  | { kind: "unknown_customer"; customerId: string }
  | { kind: "customer_mismatch"; customerId: string; orgId: string }
  | { kind: "no_subscription"; orgId: string }
  | { kind: "synced"; orgId: string; changed: boolean; planChanged: boolean };

export type SubscriptionSnapshot = {
  stripeSubscriptionId: string;
  stripeCustomerId: string;
  status: string;
  priceLookupKey: string | null;
  plan: PlanId;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  seats: number;
};

const fromUnix = (s: number | null | undefined) => (typeof s === "number" ? new Date(s * 1000) : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The fields we keep from a Stripe subscription (current API: period and price on the item). */
export function snapshotSubscription(sub: Stripe.Subscription): SubscriptionSnapshot {
  const items = sub.items?.data ?? [];
  const item = items[0];
  const lookupKey = item?.price?.lookup_key ?? null;
  const plan = planForLookupKey(lookupKey);
  if (!plan) logger.warn({ event: "billing.unknown_price", subscriptionId: sub.id, lookupKey }, "subscription price has no known lookup key; treating as free");
  // With several items the latest period end is when the whole subscription renews.
  const periodEnd = items.reduce<number | null>((max, i) => (max === null || i.current_period_end > max ? i.current_period_end : max), null);
  return {
    stripeSubscriptionId: sub.id,
    stripeCustomerId: typeof sub.customer === "string" ? sub.customer : sub.customer.id,
    status: sub.status,
    priceLookupKey: lookupKey,
    plan: plan ?? "free",
    currentPeriodEnd: fromUnix(periodEnd),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    trialEnd: fromUnix(sub.trial_end),
    seats: item?.quantity ?? 1,
  };
}

type Existing = {
  status: string;
  plan: string;
  priceLookupKey: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  seats: number;
  pastDueSince: Date | null;
  stripeSubscriptionId: string;
} | null;

function licenseOf(row: Existing, now: Date): LicenseSnapshot {
  if (!row) return { plan: "free", subscribedPlan: "free", status: null };
  const access = resolveAccess({ status: row.status, plan: row.plan, pastDueSince: row.pastDueSince, currentPeriodEnd: row.currentPeriodEnd, now });
  return { plan: access.plan, subscribedPlan: (planForLookupKey(row.priceLookupKey) ?? row.plan) as PlanId, status: row.status };
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

export async function syncCustomerSubscription({
  db,
  provider,
  customerId,
  orgIdHint,
  event,
  now,
}: {
  db: PrismaClient;
  provider: BillingProvider;
  customerId: string;
  /** From client_reference_id / metadata.org_id; used only when the customer is not linked yet. */
  orgIdHint?: string | null;
  /** When set, the event id is recorded in the same transaction (dedupe: exactly once). */
  event?: { id: string; type: string; created: number };
  now: Date;
}): Promise<SyncOutcome> {
  return db.$transaction(
    async (tx) => {
      // One round trip: record the event (dedupe) and take the customer's lock.
      // Concurrent deliveries of one event: the second insert waits on the unique index
      // until the first commits (→ duplicate) or rolls back (→ it processes the event).
      // The advisory lock applies one customer's events one at a time, so the last to
      // commit is also the last to have read the provider: no stale read wins.
      const lockKey = "tiergate:billing:" + customerId;
      if (event) {
        const [row] = await tx.$queryRaw<{ inserted: boolean }[]>`
          WITH ins AS (
            INSERT INTO "ProcessedEvent" (id, type, "receivedAt") VALUES (${event.id}, ${event.type}, ${now})
            ON CONFLICT (id) DO NOTHING RETURNING 1
          )
          SELECT EXISTS (SELECT 1 FROM ins) AS inserted, pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))::text AS locked`;
        if (!row?.inserted) return { kind: "duplicate" } as const;
      } else {
        await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))::text`;
      }

      const org = await resolveOrg({ tx, customerId, orgIdHint });
      if (org.kind !== "ok") return org.outcome;
      const orgId = org.orgId;

      const current = await provider.findSubscriptionForCustomer(customerId, { tx });
      if (!current) {
        logger.warn({ event: "billing.no_subscription", orgId, customerId }, "customer has no subscription at the provider");
        return { kind: "no_subscription", orgId } as const;
      }
      const snap = snapshotSubscription(current);
      const existing: Existing = org.existing;

      // pastDueSince is when we first saw this subscription past_due: the grace clock.
      const pastDueSince =
        snap.status === "past_due"
          ? existing?.status === "past_due" && existing.pastDueSince && existing.stripeSubscriptionId === snap.stripeSubscriptionId
            ? existing.pastDueSince
            : now
          : null;

      const data = {
        stripeCustomerId: customerId,
        stripeSubscriptionId: snap.stripeSubscriptionId,
        status: snap.status,
        plan: snap.plan,
        priceLookupKey: snap.priceLookupKey,
        currentPeriodEnd: snap.currentPeriodEnd,
        cancelAtPeriodEnd: snap.cancelAtPeriodEnd,
        trialEnd: snap.trialEnd,
        seats: snap.seats,
        pastDueSince,
        updatedFromEventAt: event ? new Date(event.created * 1000) : now,
      };
      const changed =
        !existing ||
        existing.stripeSubscriptionId !== data.stripeSubscriptionId ||
        existing.status !== data.status ||
        existing.plan !== data.plan ||
        existing.priceLookupKey !== data.priceLookupKey ||
        !sameTime(existing.currentPeriodEnd, data.currentPeriodEnd) ||
        existing.cancelAtPeriodEnd !== data.cancelAtPeriodEnd ||
        !sameTime(existing.trialEnd, data.trialEnd) ||
        existing.seats !== data.seats ||
        !sameTime(existing.pastDueSince, data.pastDueSince);

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

type OrgRow = {
  id: string;
  stripeCustomerId: string | null;
  status: string | null;
  plan: string | null;
  priceLookupKey: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean | null;
  trialEnd: Date | null;
  seats: number | null;
  pastDueSince: Date | null;
  stripeSubscriptionId: string | null;
};

function existingOf(row: OrgRow): Existing {
  if (row.stripeSubscriptionId === null) return null;
  return {
    status: row.status!,
    plan: row.plan!,
    priceLookupKey: row.priceLookupKey,
    currentPeriodEnd: row.currentPeriodEnd,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd ?? false,
    trialEnd: row.trialEnd,
    seats: row.seats ?? 1,
    pastDueSince: row.pastDueSince,
    stripeSubscriptionId: row.stripeSubscriptionId,
  };
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
  // The org and its current row in one query. FOR NO KEY UPDATE on the org row:
  // getLicense({ lock: true }) takes FOR SHARE on it, so a guarded action re-checking its
  // license serialises with this plan change.
  const select = (where: ReturnType<typeof Prisma.sql>) => tx.$queryRaw<OrgRow[]>`
    SELECT o.id, o."stripeCustomerId", s.status, s.plan, s."priceLookupKey", s."currentPeriodEnd",
           s."cancelAtPeriodEnd", s."trialEnd", s.seats, s."pastDueSince", s."stripeSubscriptionId"
      FROM "Organization" o LEFT JOIN "Subscription" s ON s."orgId" = o.id
     WHERE ${where}
       FOR NO KEY UPDATE OF o`;
  const linked = (await select(Prisma.sql`o."stripeCustomerId" = ${customerId}`))[0];
  if (linked) return { kind: "ok", orgId: linked.id, existing: existingOf(linked) };

  if (orgIdHint && UUID.test(orgIdHint)) {
    const org = (await select(Prisma.sql`o.id = ${orgIdHint}::uuid`))[0];
    if (org && org.stripeCustomerId === null) {
      await tx.organization.update({ where: { id: org.id }, data: { stripeCustomerId: customerId } });
      return { kind: "ok", orgId: org.id, existing: existingOf(org) };
    }
    if (org) {
      // Never move an org to another customer on the word of metadata alone.
      logger.warn({ event: "billing.customer_mismatch", orgId: org.id, customerId }, "org is linked to a different customer; event ignored");
      return { kind: "refused", outcome: { kind: "customer_mismatch", customerId, orgId: org.id } };
    }
  }
  logger.warn({ event: "billing.unknown_customer", customerId }, "event for a customer no organisation is linked to; acknowledged");
  return { kind: "refused", outcome: { kind: "unknown_customer", customerId } };
}
