// Everything the billing page shows, in one call: the license, who may change it (owners,
// named for members who cannot), seats in use, and which provider is active.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { getLicense } from "@/lib/licensing/get-license";
import { getBillingProvider } from "@/lib/billing/provider";

/**
 * Reads on `tx`, the guard's transaction: the guard already holds a connection for it, and a
 * body that asked the pool for more would, under load, wait for connections that other such
 * bodies hold (every billing view stuck until a timeout).
 */
export async function getBillingOverview({ tx, orgId }: { tx: Db; orgId: string }) {
  const [license, owners, memberCount, provider, org] = await Promise.all([
    getLicense({ tx, orgId }),
    tx.membership.findMany({
      where: { orgId, role: "owner" },
      select: { user: { select: { name: true, email: true } } },
      orderBy: { createdAt: "asc" },
      take: 3,
    }),
    tx.membership.count({ where: { orgId } }),
    getBillingProvider(),
    tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { stripeCustomerId: true } }),
  ]);
  return {
    license,
    owners: owners.map((o) => o.user),
    memberCount,
    providerKind: provider.kind,
    hasBillingAccount: Boolean(org.stripeCustomerId),
  };
}

/** The local portal's view of the org's current subscription (null in Stripe mode). */
export async function getLocalSubscription({ orgId }: { orgId: string }) {
  const provider = await getBillingProvider();
  if (provider.kind !== "local") return null;
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { stripeCustomerId: true } });
  const subscription = await provider.currentSubscription(org.stripeCustomerId);
  const events = org.stripeCustomerId ? await provider.listEvents({ customerId: org.stripeCustomerId, limit: 8 }) : [];
  return { subscription, events };
}

export async function getLocalCheckoutSession({ sessionId }: { sessionId: string }) {
  const provider = await getBillingProvider();
  if (provider.kind !== "local") return null;
  return provider.getCheckoutSession(sessionId);
}
