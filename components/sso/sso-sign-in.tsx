"use client";
// "Continue with SSO": the work email decides the identity provider (its domain's connection);
// the server binds the trip to this browser (a cookie) and answers the IdP's URL to go to.
import { useState } from "react";
import { KeyRound } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export function SsoSignIn({
  callbackUrl,
  error,
  defaultEmail = "",
  defaultOpen = false,
}: {
  callbackUrl: string;
  error?: string;
  defaultEmail?: string;
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(Boolean(error) || defaultOpen);
  const [email, setEmail] = useState(defaultEmail);
  const [message, setMessage] = useState<string | null>(error ?? null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    try {
      const res = await fetch("/api/sso/start", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, callbackUrl }),
      });
      const body = (await res.json().catch(() => ({}))) as { url?: string; error_description?: string };
      if (res.ok && body.url) return window.location.assign(body.url);
      setMessage(body.error_description ?? "Single sign-on is not available right now. Try again.");
    } catch {
      setMessage("Could not reach tiergate. Check your connection and try again.");
    }
    setPending(false);
  }

  if (!open) {
    return (
      <Button type="button" variant="outline" className="w-full" onClick={() => setOpen(true)} data-testid="sso-open">
        <KeyRound className="size-4" aria-hidden /> Continue with SSO
      </Button>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-3 rounded-md border p-3" data-testid="sso-sign-in">
      {message ? (
        <Alert variant="destructive" role="alert" data-testid="sso-error">
          <AlertDescription>{message}</AlertDescription>
        </Alert>
      ) : null}
      <div className="space-y-1">
        <Label htmlFor="sso-email">Work email</Label>
        <Input id="sso-email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        <KeyRound className="size-4" aria-hidden /> {pending ? "Opening your identity provider…" : "Continue with SSO"}
      </Button>
    </form>
  );
}
