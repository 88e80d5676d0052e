// The local provider's object store: Stripe-shaped objects as JSON rows of LocalBillingObject,
// keyed by their Stripe id, typed by their `object` field, indexed by customer (Stripe's
// list-by-customer). Every read and write of that table goes through here.
import "server-only";
import type pg from "pg";
import type Stripe from "stripe";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { lockLocalObject, selectCustomerSubscriptions, selectCustomerSubscriptionsPg } from "@/lib/billing/billing-sql";
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
const asObject = <K extends LocalObjectType>(data: unknown) => data as LocalObjects[K];

/** The object `id` if it is a `type`; `lock` serialises concurrent mutations of it (two portal clicks at once). */
export async function getObject<K extends LocalObjectType>(store: Db, id: string, type: K, lock = false): Promise<LocalObjects[K] | null> {
  if (lock) await lockLocalObject({ tx: store, id });
  const row = await store.localBillingObject.findUnique({ where: { id } });
  return row && row.type === type ? asObject<K>(row.data) : null;
}

export async function listCustomerSubscriptions(store: Db, customerId: string): Promise<Stripe.Subscription[]> {
  // Raw (lib/billing/billing-sql.ts): this runs inside every webhook's transaction.
  return (await selectCustomerSubscriptions({ tx: store, customerId })).map((data) => asObject<"subscription">(data));
}

/** The same read on a node-postgres client (the webhook's fast path, settle-unchanged.ts). */
export async function listCustomerSubscriptionsPg(client: pg.ClientBase, customerId: string): Promise<Stripe.Subscription[]> {
  return (await selectCustomerSubscriptionsPg({ client, customerId })).map((data) => asObject<"subscription">(data));
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
