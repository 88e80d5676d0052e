"use client";
// "Switch to Enterprise" on the billing page: the confirmation shows the billing provider's
// own quote before any money moves — the new price, the credit for unused time, what is
// charged today and when the next invoice comes — then changes the plan at that quote's
// proration date, so the charge is the one shown. Opening it asks the provider for the quote
// (owners only, no passkey check); confirming is managing billing (a passkey check).
import * as React from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { ConfirmDialog, type ConfirmOutcome } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { markPlanChangedHere } from "@/components/billing/plan-change-signal";
import type { GuardedServerAction } from "@/lib/guard/guarded-action";
import type { PlanChangePreview } from "@/lib/billing/provider";
import type { PlanLoss } from "@/lib/billing/plan-losses";
import { PLANS, PRICE_LOOKUP_KEYS, formatPrice, type PriceLookupKey } from "@/lib/licensing/policy";

const money = (cents: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
const day = (unix: number) =>
  new Date(unix * 1000).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

type Preview = GuardedServerAction<{ lookupKey: PriceLookupKey }, PlanChangePreview>;
type Change = GuardedServerAction<{ lookupKey: PriceLookupKey; prorationDate: number }, { status: string }>;

// long: one dialog that quotes, confirms and applies a plan change over one quote state (money shown before it moves)
export function ChangePlanDialog({
  lookupKey,
  label,
  preview,
  change,
  variant = "outline",
  losses = [],
}: {
  lookupKey: PriceLookupKey;
  label: string;
  preview: Preview;
  change: Change;
  variant?: "outline" | "default";
  /** What the change takes away (lib/billing/plan-losses.ts), shown before the owner confirms. */
  losses?: PlanLoss[];
}) {
  const router = useRouter();
  const quoteAction = useGuardedAction(preview, { actionId: "billing.view" });
  const changeAction = useGuardedAction(change, { actionId: "billing.manage" });
  const [quote, setQuote] = React.useState<PlanChangePreview | null>(null);
  const [quoteError, setQuoteError] = React.useState<string | null>(null);
  const { plan, interval } = PRICE_LOOKUP_KEYS[lookupKey];
  const name = PLANS[plan].name;

  async function loadQuote() {
    setQuote(null);
    setQuoteError(null);
    const result = await quoteAction.run({ lookupKey });
    if (result.ok) setQuote(result.data);
    else if (result.error.kind !== "cancelled") setQuoteError(result.error.message);
  }

  async function onConfirm(): Promise<ConfirmOutcome> {
    if (!quote) return { keepOpen: true };
    const result = await changeAction.run({ lookupKey, prorationDate: quote.prorationDate });
    if (!result.ok) {
      if (result.error.kind === "cancelled") return { keepOpen: true };
      // An expired quote: fetch a fresh one so the owner sees the price they would now pay.
      if (result.error.kind === "invalid" && result.error.fields.prorationDate) void loadQuote();
      return { error: result.error.message };
    }
    markPlanChangedHere();
    toast({ title: `You are on ${name} now`, description: "Every open tab of this organisation updates on its own.", variant: "success" });
    router.refresh();
  }

  return (
    <ConfirmDialog
      trigger={
        <Button variant={variant} data-testid={`change-to-${lookupKey}`}>
          {label}
        </Button>
      }
      onOpenChange={(open) => open && void loadQuote()}
      title={`Switch to ${name}, billed ${interval}ly?`}
      description="The change takes effect as soon as you confirm. This is what your billing provider will charge:"
      confirmLabel={`Switch to ${name}`}
      pendingLabel="Switching…"
      confirmDisabled={quote === null}
      onConfirm={onConfirm}
      data-testid="change-plan-dialog"
    >
      {quoteError ? (
        <p role="alert" className="text-sm text-destructive" data-testid="quote-error">
          {quoteError}
        </p>
      ) : quote === null ? (
        <div className="space-y-2" aria-busy="true" aria-label="Loading the price">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-4 w-3/5" />
        </div>
      ) : (
        <dl className="space-y-1.5 rounded-lg border bg-muted/40 p-4 text-sm" data-testid="plan-quote">
          <QuoteRow label="New price" value={formatPrice(quote.newPrice.amount, quote.newPrice.interval)} strong />
          {quote.credit > 0 && <QuoteRow label="Credit for unused time" value={`−${money(quote.credit, quote.newPrice.currency)}`} />}
          {quote.charge > 0 && (
            <QuoteRow label={`${name} for the rest of the period`} value={money(quote.charge, quote.newPrice.currency)} />
          )}
          <QuoteRow
            label="Charged today"
            value={money(quote.amountDueNow, quote.newPrice.currency)}
            strong
            divider
            testId="quote-due-now"
          />
          {quote.creditLeft > 0 && (
            <QuoteRow label="Credit kept for next invoices" value={money(quote.creditLeft, quote.newPrice.currency)} />
          )}
          <QuoteRow label="Takes effect" value={`Now, ${day(quote.effectiveAt)}`} />
          <QuoteRow
            label="Next invoice"
            value={`${money(quote.nextInvoiceAmount, quote.newPrice.currency)} on ${day(quote.nextInvoiceAt)}`}
            testId="quote-next"
          />
        </dl>
      )}
      {losses.length ? (
        <div className="space-y-1.5 rounded-lg border border-warning/40 p-4 text-sm" data-testid="plan-losses">
          <p className="font-medium">What stops</p>
          <ul className="list-disc space-y-1 pl-5 text-muted-foreground">
            {losses.map((loss) => (
              <li key={loss.feature} data-testid={`loses-${loss.feature}`}>
                <span className="font-medium text-foreground">{loss.label}:</span> {loss.line}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </ConfirmDialog>
  );
}

function QuoteRow({
  label,
  value,
  strong,
  divider,
  testId,
}: {
  label: string;
  value: string;
  strong?: boolean;
  divider?: boolean;
  testId?: string;
}) {
  return (
    <div className={divider ? "flex justify-between gap-4 border-t pt-1.5" : "flex justify-between gap-4"}>
      <dt className={strong ? "font-medium" : "text-muted-foreground"}>{label}</dt>
      <dd className={strong ? "text-right font-semibold tabular-nums" : "text-right tabular-nums"} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
