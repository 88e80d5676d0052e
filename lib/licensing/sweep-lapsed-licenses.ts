// Licenses can lapse by time alone: a period ends with no renewal, a past_due grace runs
// out — and no webhook says so. getLicense() already answers "free" from that moment; this
// sweep makes the lapse a plan change like any other (grants revoked, audited, NOTIFY to
// open browsers) through the same applyPlanChange the webhook sync uses.
// Safe with many instances: candidate rows are claimed FOR UPDATE SKIP LOCKED.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { resolveAccess, PAST_DUE_GRACE_MS, PERIOD_END_LEEWAY_MS } from "@/lib/licensing/access";
import { claimLapseCandidates } from "@/lib/licensing/licensing-sql";
import { applyPlanChange } from "@/lib/billing/apply-plan-change";
import type { PlanId } from "@/lib/licensing/policy";
import { subscribedPlan as subscribedPlanOf } from "@/lib/licensing/subscribed-plan";

export async function sweepLapsedLicenses({ db, now, limit = 200 }: { db: PrismaClient; now: Date; limit?: number }) {
  return db.$transaction(async (tx) => {
    const candidates = await claimLapseCandidates({
      tx,
      periodEndedBefore: new Date(now.getTime() - PERIOD_END_LEEWAY_MS),
      pastDueBefore: new Date(now.getTime() - PAST_DUE_GRACE_MS),
      limit,
    });
    const lapsed: string[] = [];
    for (const row of candidates) {
      const access = resolveAccess({ ...row, now });
      if (access.plan === row.noticedPlan) continue;
      const subscribedPlan = subscribedPlanOf(row);
      await applyPlanChange({
        tx,
        orgId: row.orgId,
        before: { plan: row.noticedPlan as PlanId, subscribedPlan, status: row.status },
        after: { plan: access.plan, subscribedPlan, status: row.status },
        now,
        source: `lapse:${access.reason}`,
      });
      await tx.subscription.update({ where: { orgId: row.orgId }, data: { noticedPlan: access.plan } });
      lapsed.push(row.orgId);
    }
    return lapsed;
  });
}
