// The billing page's "Current plan" card: the plan in force with its status and renewal,
// the paused-features warning, seats used against the plan's limit, the feature list and,
// for an owner with a live subscription, the way into the portal. Server-rendered: a
// license change refreshes it in place.
import { CreditCard } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { BillingActionButton } from "@/components/billing/action-button";
import { FeatureList } from "@/components/billing/feature-list";
import { PausedFeaturesAlert } from "@/components/billing/paused-features-alert";
import { SubscriptionStatusBadge, describeRenewal } from "@/components/billing/subscription-status";
import { PLANS, type BillingInterval } from "@/lib/licensing/policy";
import type { License } from "@/lib/licensing/get-license";
import { openPortalAction } from "@/app/(app)/billing/actions";

type Props = {
  license: License;
  memberCount: number;
  canManage: boolean;
  /** An owner, a billing account and a subscription that has not ended: the portal has something to manage. */
  canOpenPortal: boolean;
  /** The subscription's interval (month when there is none). */
  interval: BillingInterval;
};

export function CurrentPlanCard({ license, memberCount, canManage, canOpenPortal, interval }: Props) {
  return (
    <Card>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle>Current plan</CardTitle>
          <Badge variant={`plan-${license.plan}`} data-testid="billing-plan" data-plan={license.plan}>
            {PLANS[license.plan].name}
          </Badge>
          {license.status && <SubscriptionStatusBadge status={license.status} />}
        </div>
        <CardDescription data-testid="billing-renewal">{describeRenewal(license)}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <PausedFeaturesAlert license={license} canManage={canManage} interval={interval} />
        <SeatUsage memberCount={memberCount} seatLimit={license.limits.seats} />
        <FeatureList plan={license.plan} />
        {canOpenPortal && (
          <div className="flex flex-wrap gap-2">
            <BillingActionButton
              action={openPortalAction}
              input={{}}
              actionId="billing.manage"
              data-testid="manage-subscription"
              pendingLabel="Opening…"
            >
              <CreditCard aria-hidden /> Manage subscription
            </BillingActionButton>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

/** Members against the plan's seat limit, with a bar unless the plan is unlimited (null). */
function SeatUsage({ memberCount, seatLimit }: { memberCount: number; seatLimit: number | null }) {
  return (
    <div className="space-y-1.5">
      <div className="flex justify-between text-sm">
        <span>Members</span>
        <span className="text-muted-foreground">
          {memberCount} {seatLimit === null ? "(unlimited)" : `of ${seatLimit}`}
        </span>
      </div>
      {seatLimit !== null && <Progress value={Math.min(100, (memberCount / seatLimit) * 100)} aria-label="Seats used" />}
    </div>
  );
}
