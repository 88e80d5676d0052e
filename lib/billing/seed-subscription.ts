// Gives a seeded org a real local-provider subscription on `plan`: a Stripe-shaped customer,
// checkout session, subscription and invoice in LocalBillingObject, synced into the
// Subscription row by the same function the webhook uses — so the local portal can change,
// cancel or fail it like any other. Runs in scripts (plain PrismaClient, no Next server):
// events are recorded (replayable) but not POSTed, and the sync is called directly.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { lookupKeyFor, type PlanId } from "@/lib/licensing/policy";
import { createLocalProvider } from "@/lib/billing/local/provider";
import { syncCustomerSubscription } from "@/lib/billing/sync-subscription";

export async function seedSubscription({ db, orgId, plan }: { db: PrismaClient; orgId: string; plan: Exclude<PlanId, "free"> }) {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: orgId },
    select: {
      id: true,
      name: true,
      stripeCustomerId: true,
      memberships: { where: { role: "owner" }, select: { user: { select: { id: true, email: true, name: true } } }, take: 1 },
    },
  });
  const owner = org.memberships[0]?.user;
  if (!owner) throw new Error(`Seeded org ${orgId} has no owner to bill`);
  const provider = createLocalProvider({
    db,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_seed_events_are_not_delivered",
    appUrl: process.env.APP_URL ?? "http://localhost:3000",
    deliver: async () => {},
  });
  const { subscription } = await provider.subscribe({
    org: { id: org.id, name: org.name, stripeCustomerId: org.stripeCustomerId },
    user: owner,
    lookupKey: lookupKeyFor(plan, "month"),
  });
  await syncCustomerSubscription({ db, provider, customerId: subscription.customer as string, now: new Date() });
}
