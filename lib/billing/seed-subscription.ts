// Gives a seeded org an active subscription on `plan`.
// TODO(licensing): route through the local billing provider so the portal can manage it.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { lookupKeyFor, type PlanId } from "@/lib/licensing/policy";

export async function seedSubscription({ db, orgId, plan }: { db: PrismaClient; orgId: string; plan: Exclude<PlanId, "free"> }) {
  const periodEnd = new Date(Date.now() + 30 * 86400_000);
  await db.subscription.create({
    data: {
      orgId,
      stripeCustomerId: `cus_seed_${orgId.slice(0, 8)}`,
      stripeSubscriptionId: `sub_seed_${orgId.slice(0, 8)}`,
      status: "active",
      plan,
      priceLookupKey: lookupKeyFor(plan, "month"),
      currentPeriodEnd: periodEnd,
    },
  });
}
