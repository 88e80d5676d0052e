// The billing page's note that the org's SSO connection is idle: its plan does not include
// SSO, so members of its domains sign in with a password or passkey until it does again.
// Renders nothing when the org has no connection or its plan includes SSO. Server-rendered.
import { Info } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { PLANS, cheapestPlanWith, type PlanId } from "@/lib/licensing/policy";
import { ssoOnPlan } from "@/lib/sso/sso-on-plan";

export function SsoOffAlert({ plan, ssoDomains }: { plan: PlanId; ssoDomains: string[] }) {
  if (ssoDomains.length === 0 || ssoOnPlan(plan)) return null;
  return (
    <Alert data-testid="billing-sso-off">
      <Info aria-hidden />
      <AlertTitle>Single sign-on is off</AlertTitle>
      <AlertDescription>
        {`The ${PLANS[plan].name} plan does not include SSO, so members of ${ssoDomains.join(", ")} sign in with their password or passkey. The connection is kept: it works again on ${PLANS[cheapestPlanWith("sso")].name}.`}
      </AlertDescription>
    </Alert>
  );
}
