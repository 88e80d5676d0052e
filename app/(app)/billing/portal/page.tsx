// /billing/portal — the local billing provider's Customer Portal (Stripe's hosted portal in
// production): change plan, cancel at period end or now, resume, and simulate a failed
// renewal or the end of a trial. Owner-only. Customers see plan names and prices here, never
// ids or lookup keys; the provider's event log is for developers (npm run billing, docs/).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { isLocalBilling } from "@/lib/billing/provider";
import { getCurrentSession } from "@/lib/auth/current-session";
import { getLocalSubscription } from "@/lib/billing/get-billing-overview";
import { PLANS, PRICE_LOOKUP_KEYS, formatPrice, isPriceLookupKey, planForLookupKey, roleAllows } from "@/lib/licensing/policy";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LocalPortalControls } from "@/components/billing/local-portal-controls";
import { SubscriptionStatusBadge } from "@/components/billing/subscription-status";
import { changePlanAction, localPortalAction, previewPlanChangeAction } from "../actions";

export const metadata: Metadata = { title: "Manage subscription" };

export const dynamic = "force-dynamic";

const fmtDay = (unix: number) =>
  new Date(unix * 1000).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

const fmt = (unix: number | null | undefined) =>
  unix ? new Date(unix * 1000).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "—";

// long: the local portal's page mirrors Stripe's hosted portal screen section by section and reads one subscription snapshot
export default async function LocalPortalPage() {
  // Stripe mode: this page does not exist (Stripe hosts the real one).
  if (!(await isLocalBilling())) notFound();
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in?callbackUrl=/billing/portal");
  if (!roleAllows("billing.manage", session.role).ok) {
    return (
      <Alert variant="destructive" className="mx-auto max-w-lg" data-testid="portal-refused">
        <AlertTitle>Only owners can manage the subscription</AlertTitle>
        <AlertDescription>Ask an owner of {session.org.name} to make billing changes.</AlertDescription>
      </Alert>
    );
  }
  const local = await getLocalSubscription({ orgId: session.org.id });
  if (!local) notFound();
  const { subscription } = local;
  const item = subscription?.items.data[0];
  const lookupKey = item?.price.lookup_key ?? null;
  const plan = planForLookupKey(lookupKey);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Billing portal</h1>
          <p className="text-sm text-muted-foreground">
            Change or cancel {session.org.name}&apos;s subscription. Payments in this deployment are simulated: no card is charged.
          </p>
        </div>
        <Button asChild variant="outline">
          <Link href="/billing">Back to billing</Link>
        </Button>
      </div>
      {!subscription || !item ? (
        <Alert>
          <AlertTitle>No subscription yet</AlertTitle>
          <AlertDescription>Choose a plan on the billing page to start one.</AlertDescription>
        </Alert>
      ) : (
        <>
          <Card>
            <CardHeader>
              <div className="flex items-center gap-2">
                <CardTitle>{plan ? PLANS[plan].name : "Unknown plan"}</CardTitle>
                <SubscriptionStatusBadge status={subscription.status} />
              </div>
              <CardDescription>
                {subscription.cancel_at_period_end ? "Ends at the end of the period" : "Renews automatically"}
              </CardDescription>
            </CardHeader>
            <CardContent className="space-y-6">
              <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm">
                <dt className="text-muted-foreground">Price</dt>
                <dd>
                  {isPriceLookupKey(lookupKey)
                    ? formatPrice(
                        PLANS[PRICE_LOOKUP_KEYS[lookupKey].plan].prices[PRICE_LOOKUP_KEYS[lookupKey].interval].amount,
                        PRICE_LOOKUP_KEYS[lookupKey].interval,
                      )
                    : "—"}
                </dd>
                <dt className="text-muted-foreground">Current period</dt>
                <dd>
                  {fmt(item.current_period_start)} → {fmt(item.current_period_end)}
                </dd>
                {subscription.trial_end && (
                  <>
                    <dt className="text-muted-foreground">Trial end</dt>
                    <dd>{fmt(subscription.trial_end)}</dd>
                  </>
                )}
                <dt className="text-muted-foreground">Cancels at the end of the period</dt>
                <dd data-testid="portal-cancel-flag">{subscription.cancel_at_period_end ? "Yes" : "No"}</dd>
              </dl>
              <LocalPortalControls
                status={subscription.status}
                lookupKey={isPriceLookupKey(lookupKey) ? lookupKey : null}
                cancelAtPeriodEnd={subscription.cancel_at_period_end}
                periodEndLabel={fmtDay(item.current_period_end)}
                orgName={session.org.name}
                run={localPortalAction}
                preview={previewPlanChangeAction}
                change={changePlanAction}
              />
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}
