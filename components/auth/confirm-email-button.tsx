"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { FormError } from "@/components/auth/form-error";
import { Button } from "@/components/ui/button";
import { verifyEmailAction } from "@/app/(auth)/verify-email/actions";
import { takeNextStep } from "@/lib/funnel/next-step";

/** A POST, not the GET of the link: a mail scanner following links confirms nothing. */
export function ConfirmEmailButton({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const result = await verifyEmailAction({ token });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      // Back to what made them sign up (a chosen plan's checkout, an invitation), else the dashboard.
      router.push(takeNextStep() ?? "/dashboard");
      router.refresh();
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
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
