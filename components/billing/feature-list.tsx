// Every feature in the policy, unlocked or locked for `plan` (locked ones name the plan that
// unlocks them): the plan's feature list, like the pricing table, not an access hint (those
// ask can() by action id). Server-rendered: a license change refreshes it in place.
import { Check, Lock } from "lucide-react";
import { FEATURES, PLANS, cheapestPlanWith, type Feature, type PlanId } from "@/lib/licensing/policy";
import { cn } from "@/lib/utils";

export function FeatureList({ plan, className }: { plan: PlanId; className?: string }) {
  const features = Object.keys(FEATURES) as Feature[];
  return (
    <ul className={cn("grid gap-2 sm:grid-cols-2", className)} data-testid="feature-list" data-plan={plan}>
      {features.map((feature) => {
        const unlocked = PLANS[plan].features.some((included) => included === feature);
        return (
          <li
            key={feature}
            data-testid={`feature-${feature}`}
            data-state={unlocked ? "unlocked" : "locked"}
            className={cn("flex items-start gap-2 rounded-md border p-3 text-sm", !unlocked && "bg-muted/40 text-muted-foreground")}
          >
            {unlocked ? <Check className="mt-0.5 size-4 text-success" aria-hidden /> : <Lock className="mt-0.5 size-4" aria-hidden />}
            <span>
              <span className="font-medium text-foreground">{FEATURES[feature].label}</span>
              <span className="sr-only">{unlocked ? " (included)" : " (locked)"}</span>
              <span className="block text-xs">{FEATURES[feature].description}</span>
              {!unlocked && <span className="mt-1 block text-xs">Included in {PLANS[cheapestPlanWith(feature)].name}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
