// The subscription sync's statements (see lib/db/README.md), run before it decides
// anything. Each is written once as a tagged template and run two ways with the same text
// and values: through Prisma inside the sync's transaction, and on node-postgres by the
// webhook's fast path (settle-unchanged.ts), which exists because Prisma's per-statement
// cost in the server was most of an unchanged event's cost. Dates travel as ISO strings
// and come back as timestamptz: the columns are `timestamp` (UTC wall time, as Prisma writes
// them), and node-postgres would otherwise read and write them in the server process's
// local time zone. The local provider's store (lib/billing/local/store.ts) keeps its raw
// statements here too: its subscriptions-by-customer read is the fast path's provider read.
// Bench row: "webhooks".
import "server-only";
import type pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { col, firstRow, mapRows, type RawRow } from "@/lib/db/row";

/**
 * One customer's events apply one at a time, so the last to commit is also the last to have
 * read the provider: no stale read wins. Taken before any read (a statement reads from the
 * snapshot it started with, so the lock and the reads cannot share one statement).
 */
export const lockKeyFor = (customerId: string) => "tiergate:billing:" + customerId;

export type ReceivedEvent = { id: string; type: string; receivedAt: Date; customerId: string };

/**
 * Records the event (dedupe) and, only if it is new, takes the customer's lock — one round
 * trip. One row: recorded and locked. No row: a duplicate (it waits for no lock). A
 * concurrent delivery of the same event waits on the unique index until the first commits
 * (→ no row) or rolls back (→ it records the event itself).
 */
export function recordEventAndLockSql(event: ReceivedEvent): Prisma.Sql {
  return Prisma.sql`
    WITH ins AS (
      INSERT INTO "ProcessedEvent" (id, type, "receivedAt")
      VALUES (${event.id}, ${event.type}, ${event.receivedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      ON CONFLICT (id) DO NOTHING
      RETURNING 1
    )
    SELECT pg_advisory_xact_lock(hashtextextended(${lockKeyFor(event.customerId)}, 0))::text AS locked FROM ins`;
}

/** @returns false for a duplicate (already recorded; no lock taken). */
export async function recordEventAndLock({ tx, event }: { tx: Db; event: ReceivedEvent }): Promise<boolean> {
  const rows = await tx.$queryRaw`${recordEventAndLockSql(event)}`;
  return firstRow(rows, () => true) ?? false;
}

/** The customer's lock alone, for syncs that record no event (the seed). */
export async function lockCustomer({ tx, customerId }: { tx: Db; customerId: string }): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKeyFor(customerId)}, 0))::text AS locked`;
}

/** An organisation and its subscription row (all subscription fields null without one). */
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

const toOrgRow = (r: RawRow): OrgRow => ({
  id: col.text(r, "id"),
  stripeCustomerId: col.textOrNull(r, "stripeCustomerId"),
  status: col.textOrNull(r, "status"),
  plan: col.textOrNull(r, "plan"),
  priceLookupKey: col.textOrNull(r, "priceLookupKey"),
  currentPeriodEnd: col.dateOrNull(r, "current_period_end"),
  cancelAtPeriodEnd: col.boolOrNull(r, "cancelAtPeriodEnd"),
  trialEnd: col.dateOrNull(r, "trial_end"),
  seats: col.intOrNull(r, "seats"),
  pastDueSince: col.dateOrNull(r, "past_due_since"),
  stripeSubscriptionId: col.textOrNull(r, "stripeSubscriptionId"),
});

// The org and its current row in one query. FOR NO KEY UPDATE on the org row: a license
// read FOR SHARE (licenseForShareSql) serialises with this plan change.
const ORG_AND_ROW = Prisma.sql`
  SELECT o.id, o."stripeCustomerId", s.status, s.plan, s."priceLookupKey",
         s."currentPeriodEnd" AT TIME ZONE 'UTC' AS current_period_end, s."cancelAtPeriodEnd",
         s."trialEnd" AT TIME ZONE 'UTC' AS trial_end, s.seats,
         s."pastDueSince" AT TIME ZONE 'UTC' AS past_due_since, s."stripeSubscriptionId"
    FROM "Organization" o
    LEFT JOIN "Subscription" s ON s."orgId" = o.id`;

/** The org linked to a Stripe customer, locked FOR NO KEY UPDATE. */
export function orgByCustomerSql(customerId: string): Prisma.Sql {
  return Prisma.sql`${ORG_AND_ROW} WHERE o."stripeCustomerId" = ${customerId} FOR NO KEY UPDATE OF o`;
}

export async function selectOrgByCustomer({ tx, customerId }: { tx: Db; customerId: string }): Promise<OrgRow | null> {
  return firstRow(await tx.$queryRaw`${orgByCustomerSql(customerId)}`, toOrgRow);
}

/** An org by id (from client_reference_id / metadata, for a customer not linked yet), locked the same way. */
export async function selectOrgById({ tx, orgId }: { tx: Db; orgId: string }): Promise<OrgRow | null> {
  return firstRow(await tx.$queryRaw`${ORG_AND_ROW} WHERE o.id = ${orgId}::uuid FOR NO KEY UPDATE OF o`, toOrgRow);
}

// The local provider's store (lib/billing/local/store.ts): Stripe-shaped objects as JSON
// rows. `data` comes back as the driver parsed it; the store vouches for its shape.

/** Locks one stored object FOR UPDATE (two portal clicks at once mutate it one after the other). */
export async function lockLocalObject({ tx, id }: { tx: Db; id: string }): Promise<void> {
  await tx.$queryRaw`SELECT l.id FROM "LocalBillingObject" l WHERE l.id = ${id} FOR UPDATE`;
}

const customerSubscriptionsSql = (customerId: string) => Prisma.sql`
  SELECT l.data FROM "LocalBillingObject" l WHERE l."customerId" = ${customerId} AND l.type = 'subscription'`;

const toData = (r: RawRow): unknown => col.json(r, "data");

/** The stored subscriptions of a customer, as Stripe's list-by-customer returns them (in no order). */
export async function selectCustomerSubscriptions({ tx, customerId }: { tx: Db; customerId: string }): Promise<unknown[]> {
  return mapRows(await tx.$queryRaw`${customerSubscriptionsSql(customerId)}`, toData);
}

/**
 * The org's Stripe customer id, its row locked FOR UPDATE (two checkouts at once must not
 * create two customers); null when the org does not exist.
 */
export async function selectOrgCustomerForUpdate({
  tx,
  orgId,
}: {
  tx: Db;
  orgId: string;
}): Promise<{ stripeCustomerId: string | null } | null> {
  const rows = await tx.$queryRaw`SELECT o."stripeCustomerId" FROM "Organization" o WHERE o.id = ${orgId}::uuid FOR UPDATE`;
  return firstRow(rows, (r) => ({ stripeCustomerId: col.textOrNull(r, "stripeCustomerId") }));
}

// The fast path's statements on a node-postgres client: the same text and values.
// Unnamed, because DATABASE_URL may point at PgBouncer in transaction mode (settle-unchanged.ts).
const onPg = (client: pg.ClientBase, sql: Prisma.Sql) => client.query(sql.text, sql.values);

/** recordEventAndLock on a node-postgres client. */
export async function recordEventAndLockPg({ client, event }: { client: pg.ClientBase; event: ReceivedEvent }): Promise<boolean> {
  return firstRow((await onPg(client, recordEventAndLockSql(event))).rows, () => true) ?? false;
}

/** selectOrgByCustomer on a node-postgres client. */
export async function selectOrgByCustomerPg({ client, customerId }: { client: pg.ClientBase; customerId: string }): Promise<OrgRow | null> {
  return firstRow((await onPg(client, orgByCustomerSql(customerId))).rows, toOrgRow);
}

/** selectCustomerSubscriptions on a node-postgres client (the local provider's read on the fast path). */
export async function selectCustomerSubscriptionsPg({
  client,
  customerId,
}: {
  client: pg.ClientBase;
  customerId: string;
}): Promise<unknown[]> {
  return mapRows((await onPg(client, customerSubscriptionsSql(customerId))).rows, toData);
}
