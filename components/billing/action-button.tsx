"use client";
// A button that runs one billing server action: on success it follows the returned URL
// (checkout, portal) or refreshes; a refusal is shown as a toast in the action's own words.
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import type { ActionResult } from "@/lib/action-result";

type Props = Omit<React.ComponentProps<typeof Button>, "onClick"> & {
  run: () => Promise<ActionResult<{ url?: string } | { status: string }>>;
  successMessage?: string;
  pendingLabel?: string;
};

export function BillingActionButton({ run, successMessage, pendingLabel, children, disabled, ...props }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      {...props}
      disabled={disabled || pending}
      aria-busy={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await run();
          if (!result.ok) {
            toast({ title: "That did not work", description: result.error.message, variant: "destructive" });
            return;
          }
          const url = "url" in result.data ? result.data.url : undefined;
          if (url) {
            const target = new URL(url, window.location.href);
            if (target.origin === window.location.origin) router.push(target.pathname + target.search);
            else window.location.assign(target.toString());
            return;
          }
          if (successMessage) toast({ title: successMessage, variant: "success" });
          router.refresh();
        })
      }
    >
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
