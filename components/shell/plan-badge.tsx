import { Badge } from "@/components/ui/badge";
import { PLANS, type PlanId } from "@/lib/licensing/policy";

export function PlanBadge({ plan }: { plan: PlanId }) {
  return (
    <Badge variant={`plan-${plan}`} data-testid="plan-badge" data-plan={plan}>
      {PLANS[plan].name}
    </Badge>
  );
}
