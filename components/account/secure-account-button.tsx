"use client";
// The "this wasn't me" page's one button. Nothing happens until it is clicked: mail
// scanners open links, and a GET must not sign anyone out.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { secureAccountAction } from "@/app/(auth)/not-me/actions";

export function SecureAccountButton({ token }: { token: string }) {
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true; email: string } | { ok: false; message: string } | null>(null);

  async function onClick() {
    setPending(true);
    const result = await secureAccountAction({ token });
    setPending(false);
    setOutcome(result.ok ? { ok: true, email: result.data.email } : { ok: false, message: result.error.message });
  }

  if (outcome?.ok) {
    return (
      <Alert data-testid="not-me-done">
        <AlertTitle>Your account is secured</AlertTitle>
        <AlertDescription>
          Every session was signed out and every recent security check ended. We sent a link to choose a new password to {outcome.email}.
          Once you are back in, check your passkeys on the account page and remove any you do not recognise.
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <div className="space-y-4">
      {outcome && (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{outcome.message}</AlertDescription>
        </Alert>
      )}
      <Button onClick={onClick} loading={pending} variant="destructive" className="w-full" data-testid="not-me-secure">
        Secure my account
      </Button>
    </div>
  );
}
