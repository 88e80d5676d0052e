// The plan cards, from the policy file: shared by the pricing page and the billing page.
// `renderAction` supplies each card's call to action (sign up, checkout, portal, nothing).
import { Check } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { PLANS, PLAN_IDS, formatPrice, type BillingInterval, type PlanId } from "@/lib/licensing/policy";
import { cn } from "@/lib/utils";

export function PlanCards({
  currentPlan,
  interval = "month",
  renderAction,
}: {
  currentPlan?: PlanId;
  /** Which price leads (the pricing page's toggle); the other is shown beneath it. */
  interval?: BillingInterval;
  renderAction: (plan: PlanId) => React.ReactNode;
}) {
  return (
    <div className="grid gap-4 md:grid-cols-3">
      {PLAN_IDS.map((plan) => {
        const def = PLANS[plan];
        const current = plan === currentPlan;
        return (
          <Card
            key={plan}
            data-testid={`plan-card-${plan}`}
            className={cn("flex flex-col", current && "border-primary ring-1 ring-primary")}
          >
            <CardHeader>
              <div className="flex items-center justify-between gap-2">
                <CardTitle>{def.name}</CardTitle>
                {current && <Badge variant={`plan-${plan}`}>Current plan</Badge>}
              </div>
              <CardDescription>{def.tagline}</CardDescription>
            </CardHeader>
            <CardContent className="flex-1 space-y-4">
              <div>
                {def.prices ? (
                  <>
                    <p className="text-2xl font-semibold">{formatPrice(def.prices[interval].amount, interval)}</p>
                    <p className="text-xs text-muted-foreground">
                      {interval === "month"
                        ? `or ${formatPrice(def.prices.year.amount, "year")} (two months free)`
                        : `${formatPrice(Math.round(def.prices.year.amount / 12), "month")} billed yearly`}
                    </p>
                  </>
                ) : (
                  <p className="text-2xl font-semibold">$0</p>
                )}
              </div>
              <ul className="space-y-1.5 text-sm">
                {def.highlights.map((h) => (
                  <li key={h} className="flex gap-2">
                    <Check className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
                    {h}
                  </li>
                ))}
              </ul>
            </CardContent>
            <CardFooter className="flex flex-wrap gap-2">{renderAction(plan)}</CardFooter>
          </Card>
        );
      })}
    </div>
  );
}
