"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Field } from "@/components/auth/field";
import { signUpAction } from "@/app/(auth)/actions";

export function SignUpForm() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setPending(true);
    setError(null);
    setFields({});
    try {
      const result = await signUpAction(input);
      if (!result.ok) {
        if (result.error.kind === "invalid") setFields(result.error.fields);
        else setError(result.error.message);
        return;
      }
      const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      if (!signedIn || signedIn.error) {
        setError("Your account was created, but signing in failed. Please sign in.");
        return;
      }
      // A full load, not router.push: the new session cookie must reach the layout, every
      // server component and a fresh live-update stream.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/dashboard");
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
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
        <Field id="name" label="Name" autoComplete="name" error={fields.name} required />
        <Field id="email" label="Email" type="email" autoComplete="email" error={fields.email} required />
        <Field
          id="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          error={fields.password}
          placeholder="At least 10 characters"
          required
        />
        <Button type="submit" className="w-full" loading={pending}>
          Create account
        </Button>
      </form>
    </div>
  );
}
