"use client";

import { useState } from "react";
import { FormError } from "@/components/auth/form-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/auth/field";
import { CheckInbox } from "@/components/auth/check-inbox";
import { requestPasswordResetAction } from "@/app/(auth)/forgot-password/actions";

export function ForgotPasswordForm({ defaultEmail = "" }: { defaultEmail?: string }) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    setPending(true);
    setError(null);
    setFields({});
    try {
      const result = await requestPasswordResetAction({ email });
      if (!result.ok) {
        if (result.error.kind === "invalid") setFields(result.error.fields);
        else setError(result.error.message);
        return;
      }
      setSentTo(result.data.email);
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  if (sentTo) {
    return (
      <div className="space-y-4">
        <CheckInbox email={sentTo} lead="If an account exists for that address, we sent a link to reset its password to" />
        <p className="text-sm text-muted-foreground">
          The link works once, for 30 minutes. Nothing after a few minutes? Check your spam folder, or ask again: only the newest link
          works.
        </p>
        <Button variant="outline" className="w-full" onClick={() => setSentTo(null)}>
          Send another link
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <FormError error={error} />
      <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
        <Field id="email" label="Email" type="email" autoComplete="email" defaultValue={defaultEmail} error={fields.email} required />
        <Button type="submit" className="w-full" loading={pending}>
          Send reset link
        </Button>
      </form>
    </div>
  );
}
