// /billing/portal — the local billing provider's Customer Portal (Stripe's hosted portal in
// production): change plan, cancel at period end or now, resume, and simulate a failed
// renewal or the end of a trial. Owner-only.
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { isLocalBilling } from "@/lib/billing/provider";
import { getCurrentSession } from "@/lib/auth/current-session";
import { getLocalSubscription } from "@/lib/billing/get-billing-overview";
import { PLANS, isPriceLookupKey, planForLookupKey, roleAllows } from "@/lib/licensing/policy";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { LocalPortalControls } from "@/components/billing/local-portal-controls";
import { SubscriptionStatusBadge } from "@/components/billing/subscription-status";
import { localPortalAction } from "../actions";

export const dynamic = "force-dynamic";

const fmt = (unix: number | null | undefined) =>
  unix ? new Date(unix * 1000).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "—";

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
  const { subscription, events } = local;
  const item = subscription?.items.data[0];
  const lookupKey = item?.price.lookup_key ?? null;
  const plan = planForLookupKey(lookupKey);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Billing portal</h1>
          <p className="text-sm text-muted-foreground">
            Local billing provider — every change is sent to the app as a signed Stripe event.
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
              <CardDescription className="font-mono text-xs">{subscription.id}</CardDescription>
            </CardHeader>
            <CardContent className="space-y-6">
              <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm">
                <dt className="text-muted-foreground">Price</dt>
                <dd>{lookupKey}</dd>
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
                <dt className="text-muted-foreground">Cancel at period end</dt>
                <dd data-testid="portal-cancel-flag">{subscription.cancel_at_period_end ? "Yes" : "No"}</dd>
              </dl>
              <LocalPortalControls
                status={subscription.status}
                lookupKey={isPriceLookupKey(lookupKey) ? lookupKey : null}
                cancelAtPeriodEnd={subscription.cancel_at_period_end}
                run={localPortalAction}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle className="text-base">Recent events</CardTitle>
              <CardDescription>Replay one with npm run billing -- replay &lt;event id&gt;.</CardDescription>
            </CardHeader>
            <CardContent>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Event</TableHead>
                    <TableHead>Type</TableHead>
                    <TableHead>Created</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {events.map((e) => (
                    <TableRow key={e.id}>
                      <TableCell className="font-mono text-xs">{e.id}</TableCell>
                      <TableCell>{e.type}</TableCell>
                      <TableCell>{fmt(e.created)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}
