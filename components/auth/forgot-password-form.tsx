"use client";

import { useState } from "react";
import { FormError } from "@/components/auth/form-error";
import { useAuthSubmit } from "@/components/auth/use-auth-submit";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/auth/field";
import { CheckInbox } from "@/components/auth/check-inbox";
import { requestPasswordResetAction } from "@/app/(auth)/forgot-password/actions";

export function ForgotPasswordForm({ defaultEmail = "" }: { defaultEmail?: string }) {
  const { fields, error, pending, run, showRefusal } = useAuthSubmit();
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    await run(async () => {
      const result = await requestPasswordResetAction({ email });
      if (!result.ok) return showRefusal(result.error);
      setSentTo(result.data.email);
    });
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
