// /billing — the org's plan, status and renewal, every feature locked or unlocked, and the
// way to change it: owners upgrade through Checkout or manage through the portal; everyone
// else is told who can.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CreditCard, Info } from "lucide-react";
import { getCurrentSession } from "@/lib/auth/current-session";
import { listOrgOwners } from "@/lib/orgs/list-org-owners";
import {
  PLANS,
  PRICE_LOOKUP_KEYS,
  TRIAL_DAYS,
  can,
  cheapestPlanWith,
  formatPrice,
  isPriceLookupKey,
  lookupKeyFor,
  type PlanId,
} from "@/lib/licensing/policy";
import { checkoutOf, checkoutStep } from "@/lib/funnel/next-step";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { FeatureList } from "@/components/billing/feature-list";
import { PlanCards } from "@/components/billing/plan-cards";
import { BillingActionButton } from "@/components/billing/action-button";
import { SubscriptionStatusBadge, describeRenewal } from "@/components/billing/subscription-status";
import { ChangePlanDialog } from "@/components/billing/change-plan-dialog";
import { planChangeLosses } from "@/lib/billing/plan-losses";
import { ssoOnPlan } from "@/lib/sso/sso-on-plan";
import { InvoiceList } from "@/components/billing/invoice-list";
import { listInvoices } from "@/lib/billing/list-invoices";
import { changePlanAction, openPortalAction, previewPlanChangeAction, startCheckoutAction } from "./actions";
import { viewBilling } from "./reads";

export const metadata: Metadata = { title: "Billing" };

export const dynamic = "force-dynamic";

// long: the billing page's sections (plan, seats, invoices, portal) read one license snapshot; a split into section components is the next step, listed for the lead
export default async function BillingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in?callbackUrl=/billing");
  const params = await searchParams;
  const overview = await viewBilling({ input: {} });
  if (!overview.ok) {
    // billing.view is owner-only in the policy: everyone else learns who to ask.
    const owners = await listOrgOwners({ orgId: session.org.id });
    return (
      <div className="mx-auto max-w-3xl space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight">Billing</h1>
        <Alert data-testid="billing-ask-owner">
          <Info aria-hidden />
          <AlertTitle>
            {overview.error.kind === "forbidden" ? "Only owners can see and change billing" : "Billing is not available"}
          </AlertTitle>
          <AlertDescription>
            {overview.error.kind === "forbidden"
              ? `Ask ${owners.map((o) => `${o.name} (${o.email})`).join(" or ") || "an owner of this organisation"} to upgrade or change billing.`
              : overview.error.message}
          </AlertDescription>
        </Alert>
      </div>
    );
  }
  const { license, owners, memberCount, providerKind, hasBillingAccount, ssoDomains } = overview.data;
  // After the guard's read said yes (owners): the provider is asked outside its transaction.
  const invoices = hasBillingAccount ? await listInvoices({ orgId: session.org.id }) : [];
  const canManage = can("billing.manage", { plan: license.plan, role: session.role }).ok;
  const live = license.status !== null && !["canceled", "incomplete_expired"].includes(license.status);
  const seatLimit = license.limits.seats;
  const renewal = describeRenewal(license);
  // The plan chosen on the pricing page (or an upgrade prompt), carried here through sign-up.
  const chosen = checkoutOf(
    typeof params.upgrade === "string"
      ? checkoutStep(params.upgrade === "enterprise" ? "enterprise" : "pro", params.interval === "year" ? "year" : "month")
      : null,
  );
  const currentPrice = isPriceLookupKey(license.priceLookupKey) ? PRICE_LOOKUP_KEYS[license.priceLookupKey] : null;

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Billing</h1>
        <p className="text-sm text-muted-foreground">
          {session.org.name}&apos;s plan decides what everyone in it can do.
          {providerKind === "local" && " Payments in this deployment are simulated: no card is charged."}
        </p>
      </div>

      {ssoDomains.length > 0 && !ssoOnPlan(license.plan) && (
        <Alert data-testid="billing-sso-off">
          <Info aria-hidden />
          <AlertTitle>Single sign-on is off</AlertTitle>
          <AlertDescription>
            {`The ${PLANS[license.plan].name} plan does not include SSO, so members of ${ssoDomains.join(", ")} sign in with their password or passkey. The connection is kept: it works again on ${PLANS[cheapestPlanWith("sso")].name}.`}
          </AlertDescription>
        </Alert>
      )}
      {params.checkout === "success" && (
        <Alert variant="success" data-testid="checkout-success">
          <AlertTitle>Thank you — your subscription is active</AlertTitle>
          <AlertDescription>Every open tab of this organisation updates on its own.</AlertDescription>
        </Alert>
      )}
      {params.checkout === "canceled" && (
        <Alert>
          <AlertTitle>Checkout cancelled</AlertTitle>
          <AlertDescription>Nothing was charged. You can pick a plan whenever you like.</AlertDescription>
        </Alert>
      )}

      {chosen && canManage && !live && (
        <Card className="border-primary ring-1 ring-primary" data-testid="continue-checkout">
          <CardHeader>
            <CardTitle>
              Continue with {PLANS[chosen.plan].name}, billed {chosen.interval}ly
            </CardTitle>
            <CardDescription>
              {formatPrice(PLANS[chosen.plan].prices[chosen.interval].amount, chosen.interval)}. A new subscription can start with a{" "}
              {TRIAL_DAYS}-day free trial, cancellable any time before it ends.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <BillingActionButton
              action={startCheckoutAction}
              input={{ plan: chosen.plan, interval: chosen.interval }}
              actionId="billing.checkout"
              data-testid="continue-checkout-button"
              pendingLabel="Starting…"
            >
              Continue to checkout
            </BillingActionButton>
          </CardContent>
        </Card>
      )}

      <Card>
        <CardHeader>
          <div className="flex flex-wrap items-center gap-2">
            <CardTitle>Current plan</CardTitle>
            <Badge variant={`plan-${license.plan}`} data-testid="billing-plan" data-plan={license.plan}>
              {PLANS[license.plan].name}
            </Badge>
            {license.status && <SubscriptionStatusBadge status={license.status} />}
          </div>
          <CardDescription data-testid="billing-renewal">{renewal}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          {license.subscribedPlan !== license.plan && (
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
                      <BillingActionButton
                        action={openPortalAction}
                        input={{}}
                        actionId="billing.manage"
                        size="sm"
                        data-testid="update-payment"
                      >
                        <CreditCard aria-hidden /> Update payment method
                      </BillingActionButton>
                    ) : (
                      <BillingActionButton
                        action={startCheckoutAction}
                        input={{ plan: license.subscribedPlan, interval: currentPrice?.interval ?? "month" }}
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
          )}
          <div className="space-y-1.5">
            <div className="flex justify-between text-sm">
              <span>Members</span>
              <span className="text-muted-foreground">
                {memberCount} {seatLimit === null ? "(unlimited)" : `of ${seatLimit}`}
              </span>
            </div>
            {seatLimit !== null && <Progress value={Math.min(100, (memberCount / seatLimit) * 100)} aria-label="Seats used" />}
          </div>
          <FeatureList plan={license.plan} />
          {canManage && hasBillingAccount && live && (
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

      {!canManage && (
        <Alert data-testid="billing-ask-owner">
          <Info aria-hidden />
          <AlertTitle>Only owners can change the plan</AlertTitle>
          <AlertDescription>
            Ask {owners.map((o) => `${o.name} (${o.email})`).join(" or ") || "an owner of this organisation"} to upgrade or change billing.
          </AlertDescription>
        </Alert>
      )}

      {hasBillingAccount && (
        <Card>
          <CardHeader>
            <CardTitle>Invoices and receipts</CardTitle>
            <CardDescription>Every charge and credit, newest first.</CardDescription>
          </CardHeader>
          <CardContent>
            <InvoiceList invoices={invoices} />
          </CardContent>
        </Card>
      )}

      <section className="space-y-3" id="plans">
        <h2 className="text-lg font-semibold">Plans</h2>
        <PlanCards
          currentPlan={live ? license.subscribedPlan : "free"}
          renderAction={(plan: PlanId) => {
            if (!canManage || plan === "free") return null;
            if (live) {
              // A plan change is priced by the provider and confirmed here, keeping the
              // interval; the current plan's card offers the other interval.
              const interval = currentPrice?.interval ?? "month";
              if (plan !== license.subscribedPlan) {
                return (
                  <ChangePlanDialog
                    lookupKey={lookupKeyFor(plan, interval)}
                    label={`Switch to ${PLANS[plan].name}`}
                    preview={previewPlanChangeAction}
                    change={changePlanAction}
                    losses={planChangeLosses({ from: license.subscribedPlan, to: plan, ssoDomains })}
                  />
                );
              }
              const other = interval === "month" ? "year" : "month";
              return (
                <ChangePlanDialog
                  lookupKey={lookupKeyFor(plan, other)}
                  label={other === "year" ? "Switch to yearly billing" : "Switch to monthly billing"}
                  preview={previewPlanChangeAction}
                  change={changePlanAction}
                />
              );
            }
            return (
              <>
                <BillingActionButton
                  action={startCheckoutAction}
                  input={{ plan, interval: "month" }}
                  actionId="billing.checkout"
                  data-testid={`upgrade-${plan}-month`}
                  pendingLabel="Starting…"
                >
                  Upgrade monthly
                </BillingActionButton>
                <BillingActionButton
                  action={startCheckoutAction}
                  input={{ plan, interval: "year" }}
                  actionId="billing.checkout"
                  variant="outline"
                  data-testid={`upgrade-${plan}-year`}
                >
                  Yearly
                </BillingActionButton>
              </>
            );
          }}
        />
      </section>
    </div>
  );
}
