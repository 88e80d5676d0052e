"use client";
// A button that runs one guarded billing server action through useGuardedAction (so a
// step-up check opens the modal and the action then continues by itself): on success it
// follows the returned URL (checkout, portal) or refreshes; a refusal is a toast in the
// action's own words.
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { markPlanChangedHere } from "@/components/billing/plan-change-signal";
import type { GuardedServerAction } from "@/lib/guard/guarded-action";
import type { ActionId } from "@/lib/licensing/policy";

type Props<I> = Omit<React.ComponentProps<typeof Button>, "onClick" | "action"> & {
  action: GuardedServerAction<I, { url?: string } | { status: string }>;
  input: I;
  actionId: ActionId;
  successMessage?: string;
  /** How the result reads: a simulated failed renewal did what was asked, but is no good news. */
  resultTone?: "success" | "destructive";
  pendingLabel?: string;
};

export function BillingActionButton<I>({
  action,
  input,
  actionId,
  successMessage,
  resultTone = "success",
  pendingLabel,
  children,
  disabled,
  ...props
}: Props<I>) {
  const router = useRouter();
  const { run, pending } = useGuardedAction(action, { actionId });
  async function onClick() {
    markPlanChangedHere(); // this tab asked: its own answer below is the one it shows
    const result = await run(input);
    if (!result.ok) {
      if (result.error.kind !== "cancelled" && result.error.kind !== "plan_required") {
        toast({ title: "That did not work", description: result.error.message, variant: "destructive" });
      }
      return;
    }
    const url = "url" in result.data ? result.data.url : undefined;
    if (url) {
      const target = new URL(url, window.location.href);
      if (target.origin === window.location.origin) router.push(target.pathname + target.search);
      else window.location.assign(target.toString());
      return;
    }
    if (successMessage) toast({ title: successMessage, variant: resultTone });
    router.refresh();
  }
  return (
    <Button {...props} disabled={disabled || pending} aria-busy={pending} onClick={onClick}>
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
