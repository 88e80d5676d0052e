// The billing page's warning that the features paid for are paused (the subscribed plan is
// not the plan in force): after a failed payment's grace period, or an inactive
// subscription. Owners get the one way back: update the payment method in the portal, or
// renew at the same interval. Renders nothing while the paid plan is in force. Server-rendered.
import { CreditCard } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { BillingActionButton } from "@/components/billing/action-button";
import { PLANS, type BillingInterval } from "@/lib/licensing/policy";
import type { License } from "@/lib/licensing/get-license";
import { openPortalAction, startCheckoutAction } from "@/app/(app)/billing/actions";

type Props = {
  license: Pick<License, "plan" | "subscribedPlan" | "reason" | "status">;
  canManage: boolean;
  /** The subscription's interval, which a renewal keeps. */
  interval: BillingInterval;
};

export function PausedFeaturesAlert({ license, canManage, interval }: Props) {
  if (license.subscribedPlan === license.plan) return null;
  return (
    <Alert variant="destructive">
      <AlertTitle>Your {PLANS[license.subscribedPlan].name} features are paused</AlertTitle>
      <AlertDescription className="space-y-3">
        <p>
          {license.reason === "past_due_expired"
            ? "The last payment failed and the 7-day grace period is over. Update the payment method to restore them."
            : "The subscription is not active. Renew it to restore them."}
        </p>
        {canManage && license.subscribedPlan !== "free" && (
          <div>
            {license.reason === "past_due_expired" || license.status === "unpaid" ? (
              <BillingActionButton action={openPortalAction} input={{}} actionId="billing.manage" size="sm" data-testid="update-payment">
                <CreditCard aria-hidden /> Update payment method
              </BillingActionButton>
            ) : (
              <BillingActionButton
                action={startCheckoutAction}
                input={{ plan: license.subscribedPlan, interval }}
                actionId="billing.checkout"
                size="sm"
                data-testid="renew-subscription"
                pendingLabel="Starting…"
              >
                Renew {PLANS[license.subscribedPlan].name}
              </BillingActionButton>
            )}
          </div>
        )}
      </AlertDescription>
    </Alert>
  );
}
