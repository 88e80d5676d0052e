"use client";

import { useRouter } from "next/navigation";
import { FormError } from "@/components/auth/form-error";
import { useAuthSubmit } from "@/components/auth/use-auth-submit";
import { Button } from "@/components/ui/button";
import { verifyEmailAction } from "@/app/(auth)/verify-email/actions";
import { takeNextStep } from "@/lib/funnel/next-step";

/** A POST, not the GET of the link: a mail scanner following links confirms nothing. */
export function ConfirmEmailButton({ token }: { token: string }) {
  const router = useRouter();
  const { error, setError, pending, run } = useAuthSubmit();

  async function confirm() {
    await run(async () => {
      const result = await verifyEmailAction({ token });
      if (!result.ok) return setError(result.error.message);
      // Back to what made them sign up (a chosen plan's checkout, an invitation), else the dashboard.
      router.push(takeNextStep() ?? "/dashboard");
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      <FormError error={error} />
      <Button className="w-full" onClick={() => void confirm()} loading={pending} data-testid="confirm-email">
        Confirm my address
      </Button>
    </div>
  );
}
