// The billing page's "Plans" section: the shared plan cards, each with what an owner can do
// from here. With a live subscription another plan is a priced change confirmed in a dialog
// (keeping the interval) and the current plan offers the other interval; without one, each
// paid plan starts Checkout, monthly or yearly. Everyone else sees the cards alone.
// Server-rendered; the buttons and the dialog are client components.
import { BillingActionButton } from "@/components/billing/action-button";
import { ChangePlanDialog } from "@/components/billing/change-plan-dialog";
import { PlanCards } from "@/components/billing/plan-cards";
import { planChangeLosses } from "@/lib/billing/plan-losses";
import { PLANS, lookupKeyFor, type BillingInterval, type PaidPlanId, type PlanId } from "@/lib/licensing/policy";
import { changePlanAction, previewPlanChangeAction, startCheckoutAction } from "@/app/(app)/billing/actions";

type Props = {
  /** The plan paid for. */
  subscribedPlan: PlanId;
  /** A subscription that has not ended (changes go through the provider, not Checkout). */
  live: boolean;
  canManage: boolean;
  /** The subscription's interval (month when there is none). */
  interval: BillingInterval;
  /** The SSO connection's domains: a change off SSO names who it affects. */
  ssoDomains: string[];
};

export function PlansSection({ canManage, ...subscription }: Props) {
  return (
    <section className="space-y-3" id="plans">
      <h2 className="text-lg font-semibold">Plans</h2>
      <PlanCards
        currentPlan={subscription.live ? subscription.subscribedPlan : "free"}
        renderAction={(id: PlanId) => (canManage && id !== "free" ? <PlanAction plan={id} {...subscription} /> : null)}
      />
    </section>
  );
}

/** One paid plan's card action for an owner: a priced change, the other interval, or Checkout. */
function PlanAction({ plan, subscribedPlan, live, interval, ssoDomains }: Omit<Props, "canManage"> & { plan: PaidPlanId }) {
  if (live) {
    // A plan change is priced by the provider and confirmed here, keeping the
    // interval; the current plan's card offers the other interval.
    if (plan !== subscribedPlan) {
      return (
        <ChangePlanDialog
          lookupKey={lookupKeyFor(plan, interval)}
          label={`Switch to ${PLANS[plan].name}`}
          preview={previewPlanChangeAction}
          change={changePlanAction}
          losses={planChangeLosses({ from: subscribedPlan, to: plan, ssoDomains })}
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
}
