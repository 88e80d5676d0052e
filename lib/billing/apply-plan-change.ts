// Every side effect of a license change, in one place, inside the sync's transaction:
//   - a change of plan (effective or subscribed) revokes every live step-up grant issued
//     under the org's old policy (DESIGN: "grants die on … any plan change") and is audited;
//   - any change at all issues NOTIFY license_changed(orgId), delivered by Postgres only if
//     the transaction commits, so open browsers never see a change that rolled back.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { PlanId } from "@/lib/licensing/policy";
import { logger } from "@/lib/log";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { revokeGrants } from "@/lib/step-up/revoke-grants";
import { notifyLicenseChanged } from "@/lib/licensing/licensing-sql";

export type LicenseSnapshot = { plan: PlanId; subscribedPlan: PlanId; status: string | null };

export async function applyPlanChange({
  tx,
  orgId,
  before,
  after,
  now,
  source,
}: {
  tx: Db;
  orgId: string;
  before: LicenseSnapshot;
  after: LicenseSnapshot;
  now: Date;
  /** What caused it, for the audit trail (e.g. the Stripe event id). */
  source: string;
}): Promise<{ planChanged: boolean; grantsRevoked: number }> {
  const planChanged = before.plan !== after.plan || before.subscribedPlan !== after.subscribedPlan;
  let grantsRevoked = 0;
  if (planChanged) {
    const actor = { type: "anonymous" } as const;
    grantsRevoked = await revokeGrants({ tx, scope: { orgId }, reason: "plan_changed", actor, detail: { source }, now });
    await recordAuditEvent({
      tx,
      orgId,
      actor,
      action: "billing.planChanged",
      decision: "applied",
      detail: { from: before, to: after, source, grantsRevoked },
      at: now,
    });
  }
  await notifyLicenseChanged({ tx, orgId });
  logger.info(
    { event: planChanged ? "billing.plan_changed" : "billing.license_updated", orgId, from: before, to: after, source, grantsRevoked },
    planChanged ? "plan changed" : "license updated",
  );
  return { planChanged, grantsRevoked };
}
