"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Field } from "@/components/auth/field";
import { resetPasswordAction } from "@/app/(auth)/reset-password/actions";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setFields({ confirm: "The two passwords are not the same." });
      return;
    }
    setPending(true);
    setError(null);
    setFields({});
    try {
      const result = await resetPasswordAction({ token, password });
      if (!result.ok) {
        if (result.error.kind === "invalid" && result.error.fields.password) setFields(result.error.fields);
        else setError(result.error.message);
        return;
      }
      router.push(`/sign-in?reason=password-reset&email=${encodeURIComponent(result.data.email)}`);
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      {error ? (
        <Alert variant="destructive" role="alert" data-testid="form-error">
          <AlertDescription>
            {error}{" "}
            <Link href="/forgot-password" className="font-medium underline">
              Ask for a new link
            </Link>
          </AlertDescription>
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
        {/* For password managers: which account the new password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field
          id="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          placeholder="At least 10 characters"
          error={fields.password}
          required
        />
        <Field id="confirm" label="Repeat the new password" type="password" autoComplete="new-password" error={fields.confirm} required />
        <Button type="submit" className="w-full" loading={pending}>
          Set new password
        </Button>
      </form>
    </div>
  );
}
