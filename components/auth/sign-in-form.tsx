"use client";

import { useState } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { FormError } from "@/components/auth/form-error";
import { useAuthSubmit } from "@/components/auth/use-auth-submit";
import { Button } from "@/components/ui/button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Field } from "@/components/auth/field";
import { PasskeySignInButton } from "@/components/passkeys/passkey-sign-in-button";
import { SsoRequiredPrompt, ssoRequiredFor } from "@/components/sso/sso-required-prompt";

function messageFor(error: string): string {
  if (error.startsWith("throttled:")) {
    const minutes = Math.max(1, Math.ceil(Number(error.split(":")[1]) / 60));
    return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }
  return "That email and password do not match an account.";
}

export function SignInForm({ callbackUrl, notice, defaultEmail }: { callbackUrl: string; notice?: string; defaultEmail?: string }) {
  const { error, setError, pending, run } = useAuthSubmit();
  // Require SSO: the org of this email's domain signs members in at its IdP (an owner may go on).
  const [ssoRequired, setSsoRequired] = useState<{ orgName: string; email: string; breakGlass: boolean } | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email and password.");
      return;
    }
    await run(async () => {
      if (!(ssoRequired?.email === email && ssoRequired.breakGlass)) {
        const required = await ssoRequiredFor(email);
        if (required) return setSsoRequired({ ...required, email, breakGlass: false });
      }
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error) return setError(messageFor(result?.error ?? ""));
      window.location.assign(callbackUrl);
    });
  }

  return (
    <div className="space-y-4">
      {notice && !error ? (
        <Alert>
          <AlertDescription>{notice}</AlertDescription>
        </Alert>
      ) : null}
      <FormError error={error} />
      {ssoRequired && !ssoRequired.breakGlass ? (
        <SsoRequiredPrompt
          orgName={ssoRequired.orgName}
          email={ssoRequired.email}
          callbackUrl={callbackUrl}
          onBreakGlass={() => setSsoRequired({ ...ssoRequired, breakGlass: true })}
        />
      ) : null}
      <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
        <Field id="email" label="Email" type="email" autoComplete="username webauthn" defaultValue={defaultEmail} required />
        <div className="space-y-1.5">
          <Field id="password" label="Password" type="password" autoComplete="current-password" required />
          <p className="text-right text-sm">
            <Link href="/forgot-password" className="font-medium text-primary hover:underline">
              Forgot password?
            </Link>
          </p>
        </div>
        <Button type="submit" className="w-full" loading={pending}>
          Sign in
        </Button>
      </form>
      <div className="flex items-center gap-3 text-xs text-muted-foreground">
        <span className="h-px flex-1 bg-border" />
        or
        <span className="h-px flex-1 bg-border" />
      </div>
      <PasskeySignInButton callbackUrl={callbackUrl} onError={setError} />
    </div>
  );
}
