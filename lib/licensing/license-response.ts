// The public shape of GET /api/v1/license (DESIGN "Observable contracts"). Dates are ISO
// strings or null; `plan` is the effective plan, `subscribedPlan` what is being paid for.
import type { License } from "@/lib/licensing/get-license";

export type LicenseResponse = {
  org: { id: string; name: string; slug: string };
  plan: License["plan"];
  subscribedPlan: License["subscribedPlan"];
  status: string | null;
  features: License["features"];
  limits: License["limits"];
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: string | null;
  graceEndsAt: string | null;
  seats: number;
};

export function toLicenseResponse({ org, license }: { org: LicenseResponse["org"]; license: License }): LicenseResponse {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    org,
    plan: license.plan,
    subscribedPlan: license.subscribedPlan,
    status: license.status,
    features: license.features,
    limits: license.limits,
    currentPeriodEnd: iso(license.currentPeriodEnd),
    cancelAtPeriodEnd: license.cancelAtPeriodEnd,
    trialEnd: iso(license.trialEnd),
    graceEndsAt: iso(license.graceEndsAt),
    seats: license.seats,
  };
}
