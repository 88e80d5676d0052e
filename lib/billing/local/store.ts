// The local provider's object store: Stripe-shaped objects as JSON rows of LocalBillingObject,
// keyed by their Stripe id, typed by their `object` field, indexed by customer (Stripe's
// list-by-customer). Every read and write of that table goes through here.
import "server-only";
import type pg from "pg";
import type Stripe from "stripe";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { buildEvent } from "@/lib/billing/local/build-event";

/** The objects the store keeps, by their Stripe `object` name. */
export type LocalObjects = {
  customer: Stripe.Customer;
  subscription: Stripe.Subscription;
  invoice: Stripe.Invoice;
  "checkout.session": Stripe.Checkout.Session;
  event: Stripe.Event;
};
type LocalObjectType = keyof LocalObjects;

const SUBSCRIPTIONS_OF_CUSTOMER = `SELECT data FROM "LocalBillingObject" WHERE "customerId" = $1 AND type = 'subscription'`;

export async function putObject(store: Db, object: LocalObjects[LocalObjectType], customerId: string | null) {
  // A Stripe object is plain JSON (no dates, no class instances): Prisma's JSON input type
  // just cannot see that through Stripe's interfaces.
  const data = object as unknown as Prisma.InputJsonValue;
  await store.localBillingObject.upsert({
    where: { id: object.id },
    create: { id: object.id, type: object.object, customerId, data },
    update: { data, customerId },
  });
}

/** Rows are written only by putObject with `type = object.object`, so the type column vouches for the shape. */
const asObject = <K extends LocalObjectType>(data: Prisma.JsonValue) => data as unknown as LocalObjects[K];

/** The object `id` if it is a `type`; `lock` serialises concurrent mutations of it (two portal clicks at once). */
export async function getObject<K extends LocalObjectType>(store: Db, id: string, type: K, lock = false): Promise<LocalObjects[K] | null> {
  if (lock) await store.$queryRaw`SELECT 1 FROM "LocalBillingObject" WHERE id = ${id} FOR UPDATE`;
  const row = await store.localBillingObject.findUnique({ where: { id } });
  return row && row.type === type ? asObject<K>(row.data) : null;
}

export async function listCustomerSubscriptions(store: Db, customerId: string): Promise<Stripe.Subscription[]> {
  // Raw: this runs inside every webhook's transaction, and skips the ORM's query building.
  const rows = await store.$queryRawUnsafe<{ data: Prisma.JsonValue }[]>(SUBSCRIPTIONS_OF_CUSTOMER, customerId);
  return rows.map((r) => asObject<"subscription">(r.data));
}

/** The same read on a node-postgres client (the webhook's fast path, settle-unchanged.ts). */
export async function listCustomerSubscriptionsPg(client: pg.ClientBase, customerId: string): Promise<Stripe.Subscription[]> {
  // Unnamed, like every statement on the pooled URL (PgBouncer transaction mode).
  const { rows } = await client.query<{ data: Prisma.JsonValue }>(SUBSCRIPTIONS_OF_CUSTOMER, [customerId]);
  return rows.map((r) => asObject<"subscription">(r.data));
}

/** Builds and stores a mutation's events (replayable by id) in the mutation's transaction. */
export async function recordEvents(store: Db, customerId: string, events: { type: string; object: object }[], created: number) {
  const built = events.map((e) => buildEvent({ ...e, created }));
  for (const event of built) await putObject(store, event, customerId);
  return built;
}

/** The newest events first, of one customer or of all. */
export async function listEvents(store: Db, { customerId, limit = 20 }: { customerId?: string; limit?: number } = {}) {
  const rows = await store.localBillingObject.findMany({
    where: { type: "event", ...(customerId ? { customerId } : {}) },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return rows.map((r) => asObject<"event">(r.data));
}
