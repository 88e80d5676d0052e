// The plan chosen on the pricing page (or an upgrade prompt), carried to the billing page
// through sign-up: its price and trial, and one button on to Checkout. Server-rendered; the
// button is the client BillingActionButton.
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { BillingActionButton } from "@/components/billing/action-button";
import { PLANS, TRIAL_DAYS, formatPrice, type BillingInterval, type PaidPlanId } from "@/lib/licensing/policy";
import { startCheckoutAction } from "@/app/(app)/billing/actions";

export function ContinueCheckoutCard({ plan, interval }: { plan: PaidPlanId; interval: BillingInterval }) {
  return (
    <Card className="border-primary ring-1 ring-primary" data-testid="continue-checkout">
      <CardHeader>
        <CardTitle>
          Continue with {PLANS[plan].name}, billed {interval}ly
        </CardTitle>
        <CardDescription>
          {formatPrice(PLANS[plan].prices[interval].amount, interval)}. A new subscription can start with a {TRIAL_DAYS}-day free trial,
          cancellable any time before it ends.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <BillingActionButton
          action={startCheckoutAction}
          input={{ plan, interval }}
          actionId="billing.checkout"
          data-testid="continue-checkout-button"
          pendingLabel="Starting…"
        >
          Continue to checkout
        </BillingActionButton>
      </CardContent>
    </Card>
  );
}
