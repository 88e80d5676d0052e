import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRight, Lock } from "lucide-react";
import { requireSession } from "@/lib/auth/current-session";
import { FEATURES, PLANS, can, cheapestPlanWith, type Feature } from "@/lib/licensing/policy";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PlanBadge } from "@/components/shell/plan-badge";
import { SubscriptionStatusBadge } from "@/components/billing/subscription-status";
import { SsoRequiredNotice } from "@/components/sso/sso-required-notice";
import { subscriptionLine } from "@/lib/billing/billing-notice";
import { overviewRead } from "./reads";

export const metadata: Metadata = { title: "Overview" };

const numberFormat = new Intl.NumberFormat("en");

// long: one server component tree over one guarded read; its cards share the read's result
export default async function DashboardPage() {
  const session = await requireSession();
  const result = await overviewRead({ input: {} });
  if (!result.ok) {
    return (
      <div className="mx-auto max-w-5xl space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight">{session.org.name}</h1>
        {result.error.kind === "sso_required" ? (
          <SsoRequiredNotice refusal={result.error} />
        ) : (
          <Alert variant="destructive">
            <AlertTitle>The overview is not available</AlertTitle>
            <AlertDescription>{result.error.message}</AlertDescription>
          </Alert>
        )}
      </div>
    );
  }
  const { license, role, counts: overview } = result.data;
  const allFeatures = Object.keys(FEATURES) as Feature[];

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{session.org.name}</h1>
        <p className="text-sm text-muted-foreground">
          Signed in as {session.user.email} · <span className="capitalize">{role}</span>
        </p>
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        <Card>
          <CardHeader className="pb-2">
            <CardDescription>Plan</CardDescription>
            <CardTitle className="flex items-center gap-2 text-xl">
              <PlanBadge plan={license.plan} testId="overview-plan" />
              {license.status ? <SubscriptionStatusBadge status={license.status} /> : null}
            </CardTitle>
          </CardHeader>
          <CardContent className="text-sm text-muted-foreground" data-testid="overview-subscription">
            {subscriptionLine(license) ?? PLANS[license.plan].tagline}
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="pb-2">
            <CardDescription>Members</CardDescription>
            <CardTitle className="text-xl" data-testid="member-count">
              {numberFormat.format(overview.members)}
            </CardTitle>
          </CardHeader>
          <CardContent className="text-sm text-muted-foreground">
            {license.limits.seats === null ? "Unlimited seats" : `${license.limits.seats} seats on ${PLANS[license.plan].name}`}
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="pb-2">
            <CardDescription>Customers · invoices</CardDescription>
            <CardTitle className="text-xl">
              {numberFormat.format(overview.customers)} · {numberFormat.format(overview.invoices)}
            </CardTitle>
          </CardHeader>
          <CardContent className="text-sm text-muted-foreground">
            {overview.invoices === 0 ? "No data yet." : "Demo data to report on and export."}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>What your plan includes</CardTitle>
          <CardDescription>Locked features show the plan that unlocks them.</CardDescription>
        </CardHeader>
        <CardContent>
          <ul className="divide-y" data-testid="feature-list">
            {allFeatures.map((feature) => {
              const included = license.features.includes(feature);
              return (
                <li key={feature} className="flex items-center gap-3 py-3" data-testid={`feature-${feature}`} data-included={included}>
                  <div className="min-w-0 flex-1">
                    <div className="text-sm font-medium">{FEATURES[feature].label}</div>
                    <div className="text-sm text-muted-foreground">{FEATURES[feature].description}</div>
                  </div>
                  {included ? (
                    <Badge variant="success">Included</Badge>
                  ) : (
                    <Badge variant="outline" className="gap-1">
                      <Lock className="size-3" aria-hidden /> {PLANS[cheapestPlanWith(feature)].name}
                    </Badge>
                  )}
                </li>
              );
            })}
          </ul>
          {can("billing.view", { plan: license.plan, role }).ok && license.plan !== "enterprise" ? (
            <Button asChild variant="outline" className="mt-4">
              <Link href="/billing">
                Compare plans <ArrowRight className="size-4" />
              </Link>
            </Button>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
