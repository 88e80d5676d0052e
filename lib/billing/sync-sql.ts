// The statements the subscription sync runs before it decides anything, as plain text with
// $n placeholders, so the webhook's node-postgres fast path (settle-unchanged.ts) and the
// Prisma transaction (sync-subscription.ts, via $queryRawUnsafe) run exactly the same SQL.
// Dates travel as ISO strings and come back as timestamptz: the columns are `timestamp`
// (UTC wall time, as Prisma writes them), and node-postgres would otherwise read and write
// them in the server process's local time zone.
import "server-only";

/**
 * Records the event (dedupe) and, only if it is new, takes the customer's lock — one round
 * trip. One row: recorded and locked. No row: a duplicate (it waits for no lock).
 * A concurrent delivery of the same event waits on the unique index until the first commits
 * (→ no row) or rolls back (→ it records the event itself).
 * $1 event id, $2 event type, $3 received at (ISO), $4 lock key.
 */
export const RECORD_EVENT_AND_LOCK = `
  WITH ins AS (
    INSERT INTO "ProcessedEvent" (id, type, "receivedAt") VALUES ($1, $2, $3::timestamptz AT TIME ZONE 'UTC')
    ON CONFLICT (id) DO NOTHING RETURNING 1
  )
  SELECT pg_advisory_xact_lock(hashtextextended($4, 0))::text AS locked FROM ins`;

/** The customer's lock alone, for syncs that record no event (the seed). $1 lock key. */
export const LOCK_CUSTOMER = `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))::text AS locked`;

/**
 * One customer's events apply one at a time, so the last to commit is also the last to have
 * read the provider: no stale read wins. Taken before any read (a statement reads from the
 * snapshot it started with, so the lock and the reads cannot share one statement).
 */
export const lockKeyFor = (customerId: string) => "tiergate:billing:" + customerId;

// The org and its current row in one query. FOR NO KEY UPDATE on the org row:
// getLicense({ lock: true }) takes FOR SHARE on it, so a guarded action re-checking its
// license serialises with this plan change.
const orgAndRow = (where: string) => `
  SELECT o.id, o."stripeCustomerId", s.status, s.plan, s."priceLookupKey",
         s."currentPeriodEnd" AT TIME ZONE 'UTC' AS "currentPeriodEnd", s."cancelAtPeriodEnd",
         s."trialEnd" AT TIME ZONE 'UTC' AS "trialEnd", s.seats,
         s."pastDueSince" AT TIME ZONE 'UTC' AS "pastDueSince", s."stripeSubscriptionId"
    FROM "Organization" o LEFT JOIN "Subscription" s ON s."orgId" = o.id
   WHERE ${where}
     FOR NO KEY UPDATE OF o`;

/** $1 Stripe customer id. */
export const ORG_BY_CUSTOMER = orgAndRow(`o."stripeCustomerId" = $1`);
/** $1 org id (from client_reference_id / metadata, for a customer not linked yet). */
export const ORG_BY_ID = orgAndRow(`o.id = $1::uuid`);

export type OrgRow = {
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
