// /billing — the org's plan, status and renewal, every feature locked or unlocked, and the
// way to change it: owners upgrade through Checkout or manage through the portal; everyone
// else is told who can. The page reads one license snapshot (the guarded read) and hands each
// section in components/billing/ what it needs from it.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-session";
import { listOrgOwners } from "@/lib/orgs/list-org-owners";
import { PRICE_LOOKUP_KEYS, can, isPriceLookupKey } from "@/lib/licensing/policy";
import { checkoutOf, checkoutStep } from "@/lib/funnel/next-step";
import { listInvoices } from "@/lib/billing/list-invoices";
import { AskOwnerAlert, BillingRefused } from "@/components/billing/ask-owner";
import { CheckoutOutcome } from "@/components/billing/checkout-outcome";
import { ContinueCheckoutCard } from "@/components/billing/continue-checkout-card";
import { CurrentPlanCard } from "@/components/billing/current-plan-card";
import { InvoicesCard } from "@/components/billing/invoice-list";
import { PlansSection } from "@/components/billing/plans-section";
import { SsoOffAlert } from "@/components/billing/sso-off-alert";
import { viewBilling } from "./reads";

export const metadata: Metadata = { title: "Billing" };

export const dynamic = "force-dynamic";

export default async function BillingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in?callbackUrl=/billing");
  const params = await searchParams;
  const overview = await viewBilling({ input: {} });
  if (!overview.ok) {
    // billing.view is owner-only in the policy: everyone else learns who to ask.
    const owners = await listOrgOwners({ orgId: session.org.id });
    return <BillingRefused error={overview.error} owners={owners} />;
  }
  const { license, owners, memberCount, providerKind, hasBillingAccount, ssoDomains } = overview.data;
  // After the guard's read said yes (owners): the provider is asked outside its transaction.
  const invoices = hasBillingAccount ? await listInvoices({ orgId: session.org.id }) : [];
  const canManage = can("billing.manage", { plan: license.plan, role: session.role }).ok;
  const live = license.status !== null && !["canceled", "incomplete_expired"].includes(license.status);
  // The plan chosen on the pricing page (or an upgrade prompt), carried here through sign-up.
  const chosen = checkoutOf(
    typeof params.upgrade === "string"
      ? checkoutStep(params.upgrade === "enterprise" ? "enterprise" : "pro", params.interval === "year" ? "year" : "month")
      : null,
  );
  const interval = isPriceLookupKey(license.priceLookupKey) ? PRICE_LOOKUP_KEYS[license.priceLookupKey].interval : "month";

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Billing</h1>
        <p className="text-sm text-muted-foreground">
          {session.org.name}&apos;s plan decides what everyone in it can do.
          {providerKind === "local" && " Payments in this deployment are simulated: no card is charged."}
        </p>
      </div>
      <SsoOffAlert plan={license.plan} ssoDomains={ssoDomains} />
      <CheckoutOutcome checkout={params.checkout} />
      {chosen && canManage && !live && <ContinueCheckoutCard plan={chosen.plan} interval={chosen.interval} />}
      <CurrentPlanCard
        license={license}
        memberCount={memberCount}
        canManage={canManage}
        canOpenPortal={canManage && hasBillingAccount && live}
        interval={interval}
      />
      {!canManage && <AskOwnerAlert owners={owners} />}
      {hasBillingAccount && <InvoicesCard invoices={invoices} />}
      <PlansSection subscribedPlan={license.subscribedPlan} live={live} canManage={canManage} interval={interval} ssoDomains={ssoDomains} />
    </div>
  );
}
