"use client";
// The local provider's Customer Portal controls. Which buttons show depends on the status,
// like Stripe's portal; "simulate" buttons stand in for things Stripe does on its own.
import { useState } from "react";
import { BillingActionButton } from "@/components/billing/action-button";
import { PLANS, PRICE_LOOKUP_KEYS, formatPrice, type PriceLookupKey } from "@/lib/licensing/policy";
import type { GuardedServerAction } from "@/lib/guard/guarded-action";
import type { z } from "zod";
import type { ZLocalPortalSchema } from "@/lib/billing/billing-requests";

type PortalInput = z.input<typeof ZLocalPortalSchema>;

type Run = GuardedServerAction<PortalInput, { status: string }>;

export function LocalPortalControls({
  status,
  lookupKey,
  cancelAtPeriodEnd,
  run,
}: {
  status: string;
  lookupKey: PriceLookupKey | null;
  cancelAtPeriodEnd: boolean;
  run: Run;
}) {
  const keys = Object.keys(PRICE_LOOKUP_KEYS) as PriceLookupKey[];
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
          <BillingActionButton
            action={run}
            input={{ op: "changePlan", lookupKey: target }}
            actionId="billing.manage"
            data-testid="portal-change-plan"
            successMessage="Plan changed"
          >
            Change plan
          </BillingActionButton>
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
              successMessage="Subscription resumed"
            >
              Don&apos;t cancel
            </BillingActionButton>
          ) : (
            <BillingActionButton
              action={run}
              input={{ op: "cancelAtPeriodEnd" }}
              actionId="billing.manage"
              variant="outline"
              data-testid="portal-cancel-at-period-end"
              successMessage="Cancels at the end of the period"
            >
              Cancel at period end
            </BillingActionButton>
          )}
          <BillingActionButton
            action={run}
            input={{ op: "cancelNow" }}
            actionId="billing.manage"
            variant="destructive"
            data-testid="portal-cancel-now"
            successMessage="Subscription cancelled"
          >
            Cancel now
          </BillingActionButton>
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
              successMessage="Renewal failed: now past due"
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
