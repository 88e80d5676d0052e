"use client";
// The local provider's Customer Portal controls. Which buttons show depends on the status,
// like Stripe's portal; "simulate" buttons stand in for things Stripe does on its own.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { BillingActionButton } from "@/components/billing/action-button";
import { ChangePlanDialog } from "@/components/billing/change-plan-dialog";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, type ConfirmOutcome } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { markPlanChangedHere } from "@/components/billing/plan-change-signal";
import { PLANS, PRICE_LOOKUP_KEYS, formatPrice, type PriceLookupKey } from "@/lib/licensing/policy";
import type { GuardedServerAction } from "@/lib/guard/guarded-action";
import type { z } from "zod";
import type { ZLocalPortalSchema } from "@/lib/billing/billing-requests";

type PortalInput = z.input<typeof ZLocalPortalSchema>;

type Run = GuardedServerAction<PortalInput, { status: string }>;

// long: the local portal's controls act on one subscription state and re-render it after each action
export function LocalPortalControls({
  status,
  lookupKey,
  cancelAtPeriodEnd,
  periodEndLabel,
  orgName,
  run,
  preview,
  change,
}: {
  status: string;
  lookupKey: PriceLookupKey | null;
  cancelAtPeriodEnd: boolean;
  periodEndLabel: string;
  orgName: string;
  run: Run;
  preview: React.ComponentProps<typeof ChangePlanDialog>["preview"];
  change: React.ComponentProps<typeof ChangePlanDialog>["change"];
}) {
  const router = useRouter();
  const operation = useGuardedAction(run, { actionId: "billing.manage" });
  const keys = Object.keys(PRICE_LOOKUP_KEYS) as PriceLookupKey[];

  async function runOp(input: PortalInput, success: string): Promise<ConfirmOutcome> {
    markPlanChangedHere();
    const result = await operation.run(input);
    if (!result.ok) return result.error.kind === "cancelled" ? { keepOpen: true } : { error: result.error.message };
    toast({ title: success, variant: "success" });
    router.refresh();
  }

  const [target, setTarget] = useState<PriceLookupKey>(keys.find((k) => k !== lookupKey) ?? "pro_monthly");
  const ended = status === "canceled" || status === "incomplete_expired";
  if (ended) return <p className="text-sm text-muted-foreground">This subscription has ended. Choose a new plan on the billing page.</p>;
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h3 className="text-sm font-medium">Change plan</h3>
        <div className="flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor="portal-plan">
            New plan
          </label>
          <select
            id="portal-plan"
            className="h-9 rounded-md border bg-background px-3 text-sm"
            value={target}
            onChange={(e) => setTarget(e.target.value as PriceLookupKey)}
            data-testid="portal-plan-select"
          >
            {keys.map((k) => (
              <option key={k} value={k} disabled={k === lookupKey}>
                {PLANS[PRICE_LOOKUP_KEYS[k].plan].name}, {PRICE_LOOKUP_KEYS[k].interval}ly —{" "}
                {formatPrice(PLANS[PRICE_LOOKUP_KEYS[k].plan].prices[PRICE_LOOKUP_KEYS[k].interval].amount, PRICE_LOOKUP_KEYS[k].interval)}
                {k === lookupKey ? " (current)" : ""}
              </option>
            ))}
          </select>
          <ChangePlanDialog key={target} lookupKey={target} label="Change plan" preview={preview} change={change} variant="default" />
        </div>
      </section>
      <section className="space-y-2">
        <h3 className="text-sm font-medium">Cancel</h3>
        <div className="flex flex-wrap gap-2">
          {cancelAtPeriodEnd ? (
            <BillingActionButton
              action={run}
              input={{ op: "resume" }}
              actionId="billing.manage"
              variant="outline"
              data-testid="portal-resume"
              successMessage="Your subscription continues"
            >
              Don&apos;t cancel
            </BillingActionButton>
          ) : (
            <ConfirmDialog
              trigger={
                <Button variant="outline" data-testid="portal-cancel-at-period-end">
                  Cancel at period end
                </Button>
              }
              title="Cancel at the end of the period?"
              description={`Nothing changes until ${periodEndLabel}; then ${orgName} moves to Free and its paid features stop. You can change your mind until then.`}
              confirmLabel="Cancel at period end"
              onConfirm={() => runOp({ op: "cancelAtPeriodEnd" }, "Your subscription ends at the end of the period")}
            />
          )}
          <ConfirmDialog
            trigger={
              <Button variant="destructive" data-testid="portal-cancel-now">
                Cancel now
              </Button>
            }
            title="Cancel the subscription now?"
            description={`${orgName} moves to Free at once: exports, API keys and every paid feature stop for every member, with no refund for the rest of the period. This cannot be undone; you would subscribe again from the billing page.`}
            confirmText={orgName}
            confirmLabel="Cancel subscription now"
            pendingLabel="Cancelling…"
            destructive
            onConfirm={() => runOp({ op: "cancelNow" }, "Subscription cancelled")}
            data-testid="confirm-cancel-now"
          />
        </div>
      </section>
      <section className="space-y-2">
        <h3 className="text-sm font-medium">Simulate</h3>
        <div className="flex flex-wrap gap-2">
          {(status === "active" || status === "trialing") && (
            <BillingActionButton
              action={run}
              input={{ op: "failRenewal" }}
              actionId="billing.manage"
              variant="secondary"
              data-testid="portal-fail-renewal"
              successMessage="The renewal payment failed: the subscription is past due"
              resultTone="destructive"
            >
              Fail the next renewal
            </BillingActionButton>
          )}
          {(status === "past_due" || status === "unpaid") && (
            <BillingActionButton
              action={run}
              input={{ op: "payOutstanding" }}
              actionId="billing.manage"
              variant="secondary"
              data-testid="portal-pay"
              successMessage="Invoice paid"
            >
              Pay the open invoice
            </BillingActionButton>
          )}
          {status === "trialing" && (
            <BillingActionButton
              action={run}
              input={{ op: "endTrial" }}
              actionId="billing.manage"
              variant="secondary"
              data-testid="portal-end-trial"
              successMessage="Trial ended"
            >
              End the trial now
            </BillingActionButton>
          )}
        </div>
      </section>
    </div>
  );
}
