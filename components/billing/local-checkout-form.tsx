"use client";
// The local provider's checkout form: plan, interval, optional trial, "Pay". No card is
// asked for — the local provider simulates a successful payment.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { PLANS, PRICE_LOOKUP_KEYS, TRIAL_DAYS, formatPrice, type PriceLookupKey } from "@/lib/licensing/policy";
import { cn } from "@/lib/utils";
import type { GuardedServerAction } from "@/lib/guard/guarded-action";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";

export function LocalCheckoutForm({
  sessionId,
  initialLookupKey,
  pay,
}: {
  sessionId: string;
  initialLookupKey: PriceLookupKey;
  pay: GuardedServerAction<{ sessionId: string; lookupKey: PriceLookupKey; trial?: boolean }, { url: string }>;
}) {
  const router = useRouter();
  const [lookupKey, setLookupKey] = useState<PriceLookupKey>(initialLookupKey);
  const [trial, setTrial] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { run, pending } = useGuardedAction(pay, { actionId: "billing.checkout" });
  const { plan, interval } = PRICE_LOOKUP_KEYS[lookupKey];
  const amount = PLANS[plan].prices[interval].amount;

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        void run({ sessionId, lookupKey, trial }).then((result) => {
          if (result.ok) router.push(result.data.url);
          else if (result.error.kind !== "cancelled") setError(result.error.message);
        });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Plan and billing period</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {(Object.keys(PRICE_LOOKUP_KEYS) as PriceLookupKey[]).map((key) => {
            const p = PRICE_LOOKUP_KEYS[key];
            return (
              <label
                key={key}
                className={cn(
                  "flex cursor-pointer items-center justify-between gap-3 rounded-md border p-3 text-sm has-focus-visible:ring-2 has-focus-visible:ring-ring",
                  key === lookupKey && "border-primary bg-primary/5",
                )}
              >
                <span className="flex items-center gap-2">
                  <input
                    type="radio"
                    name="lookupKey"
                    value={key}
                    checked={key === lookupKey}
                    onChange={() => setLookupKey(key)}
                    data-testid={`checkout-option-${key}`}
                  />
                  {PLANS[p.plan].name}, {p.interval}ly
                </span>
                <span className="text-muted-foreground">{formatPrice(PLANS[p.plan].prices[p.interval].amount, p.interval)}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="flex items-center gap-2">
        <input id="trial" type="checkbox" checked={trial} onChange={(e) => setTrial(e.target.checked)} data-testid="checkout-trial" />
        <Label htmlFor="trial">Start with a {TRIAL_DAYS}-day free trial</Label>
      </div>
      {error && (
        <Alert variant="destructive" data-testid="checkout-error">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      <Button type="submit" size="lg" className="w-full" disabled={pending} data-testid="checkout-pay">
        {pending
          ? "Processing…"
          : trial
            ? `Start free trial, then ${formatPrice(amount, interval)}`
            : `Pay ${formatPrice(amount, interval)}`}
      </Button>
    </form>
  );
}
