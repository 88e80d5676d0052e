"use client";
// Shown when someone reaches for a feature their plan lacks: what it is, which plan
// unlocks it, and a way there. Never a dead end.
import Link from "next/link";
import { Sparkles } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FEATURES, PLANS, type Feature, type PlanId } from "@/lib/licensing/policy";

export function UpgradePrompt({
  open,
  onOpenChange,
  feature,
  plan,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  feature: Feature | null;
  plan: PlanId;
}) {
  const featureDef = feature ? FEATURES[feature] : null;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="upgrade-prompt">
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <Sparkles className="size-4 text-primary" aria-hidden />
            {featureDef ? `${featureDef.label} is on the ${PLANS[plan].name} plan` : `Available on ${PLANS[plan].name}`}
          </DialogTitle>
          <DialogDescription>
            {featureDef?.description} Upgrade to {PLANS[plan].name} to unlock it for everyone in this organisation.
          </DialogDescription>
        </DialogHeader>
        <ul className="space-y-1 text-sm text-muted-foreground">
          {PLANS[plan].highlights.map((h) => (
            <li key={h}>• {h}</li>
          ))}
        </ul>
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            Not now
          </Button>
          <Button asChild>
            <Link href={`/billing?upgrade=${plan}#plans`}>See plans</Link>
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
