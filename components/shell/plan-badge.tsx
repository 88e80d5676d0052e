import { Badge } from "@/components/ui/badge";
import { PLANS, type PlanId } from "@/lib/licensing/policy";

export function PlanBadge({ plan, testId = "plan-badge" }: { plan: PlanId; testId?: string }) {
  return (
    <Badge variant={`plan-${plan}`} data-testid={testId} data-plan={plan}>
      {PLANS[plan].name}
    </Badge>
  );
}
