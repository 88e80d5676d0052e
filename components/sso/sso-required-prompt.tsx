"use client";
// The password form's answer for an email whose organisation requires SSO: say so, send the
// person to their IdP, and leave owners their break-glass (the password still signs them in).
import { useState } from "react";
import { KeyRound } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Asks the server whether `email`'s domain requires SSO; a failed check lets the password try go on (the guard still decides). */
export async function ssoRequiredFor(email: string): Promise<{ orgName: string } | null> {
  try {
    const res = await fetch("/api/sso/required", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
    });
    const body = (await res.json().catch(() => ({}))) as { required?: boolean; orgName?: string };
    return res.ok && body.required ? { orgName: body.orgName ?? "Your organisation" } : null;
  } catch {
    return null;
  }
}

export function SsoRequiredPrompt({
  orgName,
  email,
  callbackUrl,
  onBreakGlass,
}: {
  orgName: string;
  email: string;
  callbackUrl: string;
  onBreakGlass: () => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function continueWithSso() {
    setPending(true);
    const res = await fetch("/api/sso/start", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, callbackUrl }),
    }).catch(() => null);
    const body = (await res?.json().catch(() => ({}))) as { url?: string; error_description?: string } | undefined;
    if (res?.ok && body?.url) return window.location.assign(body.url);
    setMessage(body?.error_description ?? "Single sign-on is not available right now. Try again.");
    setPending(false);
  }

  return (
    <Alert data-testid="sso-required-prompt" role="alert">
      <KeyRound aria-hidden />
      <AlertTitle>{orgName} requires single sign-on</AlertTitle>
      <AlertDescription className="space-y-3">
        <p>Members sign in through the organisation&apos;s identity provider, not with a password.</p>
        {message ? <p className="text-destructive">{message}</p> : null}
        <Button type="button" className="w-full" onClick={continueWithSso} loading={pending} data-testid="sso-required-continue">
          Continue with SSO
        </Button>
        <button type="button" className="text-sm font-medium text-primary hover:underline" onClick={onBreakGlass}>
          I&apos;m an owner: sign in with my password (break-glass)
        </button>
      </AlertDescription>
    </Alert>
  );
}
