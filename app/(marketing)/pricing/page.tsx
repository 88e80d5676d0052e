// /pricing — the plans, straight from the policy file, with every feature per plan (marketing
// copy: it reads each plan's feature list; access hints elsewhere ask can()).
import Link from "next/link";
import { Check, Minus } from "lucide-react";
import { getCurrentSession } from "@/lib/auth/current-session";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PlanCards } from "@/components/billing/plan-cards";
import { FEATURES, PLANS, PLAN_IDS, TRIAL_DAYS, type Feature } from "@/lib/licensing/policy";
import { checkoutStep } from "@/lib/funnel/next-step";

export const metadata = { title: "Pricing" };

// long: the plan table is one grid: columns per plan, rows per feature, read from PLANS in one pass
export default async function PricingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await getCurrentSession();
  // The toggle is two links (no script needed); the chosen interval rides along to sign-up and checkout.
  const interval = (await searchParams).interval === "year" ? "year" : "month";
  return (
    <div className="mx-auto max-w-6xl space-y-12 px-4 py-12">
      <div className="space-y-2 text-center">
        <h1 className="text-3xl font-semibold tracking-tight">Plans that decide what your team can do</h1>
        <p className="text-muted-foreground">Every plan protects sensitive actions with a passkey check. Higher plans unlock more.</p>
        <p className="text-sm text-muted-foreground">Pro and Enterprise start with a {TRIAL_DAYS}-day free trial.</p>
      </div>
      <div id="plans" className="flex scroll-mt-20 justify-center">
        <nav aria-label="Billing interval" className="inline-flex rounded-lg border bg-muted p-1 text-sm">
          {(["month", "year"] as const).map((i) => (
            <Link
              key={i}
              href={i === "year" ? "/pricing?interval=year#plans" : "/pricing#plans"}
              aria-current={interval === i ? "true" : undefined}
              data-testid={`pricing-interval-${i}`}
              className={
                interval === i
                  ? "rounded-md bg-background px-4 py-1.5 font-medium shadow-sm"
                  : "rounded-md px-4 py-1.5 text-muted-foreground hover:text-foreground"
              }
            >
              {i === "month" ? "Monthly" : "Yearly (two months free)"}
            </Link>
          ))}
        </nav>
      </div>
      <PlanCards
        interval={interval}
        renderAction={(plan) => (
          <Button asChild className="w-full" variant={plan === "pro" ? "default" : "outline"}>
            <Link
              href={
                plan === "free"
                  ? session
                    ? "/dashboard"
                    : "/sign-up"
                  : session
                    ? checkoutStep(plan, interval)
                    : `/sign-up?plan=${plan}&interval=${interval}`
              }
              data-testid={`pricing-cta-${plan}`}
            >
              {plan === "free" ? (session ? "Open the app" : "Start free") : `Choose ${PLANS[plan].name}`}
            </Link>
          </Button>
        )}
      />
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Feature</TableHead>
            {PLAN_IDS.map((p) => (
              <TableHead key={p} className="text-center">
                {PLANS[p].name}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {(Object.keys(FEATURES) as Feature[]).map((f) => (
            <TableRow key={f}>
              <TableCell>
                <span className="font-medium">{FEATURES[f].label}</span>
                <span className="block text-xs text-muted-foreground">{FEATURES[f].description}</span>
              </TableCell>
              {PLAN_IDS.map((p) => (
                <TableCell key={p} className="text-center">
                  {PLANS[p].features.some((included) => included === f) ? (
                    <Check className="mx-auto size-4 text-success" aria-label="Included" />
                  ) : (
                    <Minus className="mx-auto size-4 text-muted-foreground" aria-label="Not included" />
                  )}
                </TableCell>
              ))}
            </TableRow>
          ))}
          <TableRow>
            <TableCell className="font-medium">Members</TableCell>
            {PLAN_IDS.map((p) => (
              <TableCell key={p} className="text-center">
                {PLANS[p].limits.seats ?? "Unlimited"}
              </TableCell>
            ))}
          </TableRow>
        </TableBody>
      </Table>
    </div>
  );
}
