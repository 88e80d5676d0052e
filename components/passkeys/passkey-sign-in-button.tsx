"use client";
// "Sign in with a passkey" for the sign-in page: discoverable credential, UV required,
// verified by the next-auth "passkey" provider, which opens a Session row.
import { useState } from "react";
import { signIn } from "next-auth/react";
import { startAuthentication } from "@simplewebauthn/browser";
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";

export function PasskeySignInButton({ callbackUrl, onError }: { callbackUrl: string; onError: (message: string) => void }) {
  const [pending, setPending] = useState(false);
  async function onClick() {
    setPending(true);
    try {
      const res = await fetch("/api/webauthn/sign-in/options", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      if (!res.ok) return onError("We could not start passkey sign-in. Please try again.");
      const { options } = (await res.json()) as { options: Parameters<typeof startAuthentication>[0]["optionsJSON"] };
      let response;
      try {
        response = await startAuthentication({ optionsJSON: options });
      } catch {
        return onError("The passkey prompt was closed or timed out. Please try again.");
      }
      const result = await signIn("passkey", { response: JSON.stringify(response), redirect: false });
      if (!result || result.error) return onError("That passkey could not sign you in.");
      window.location.assign(callbackUrl);
    } catch {
      onError("We could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }
  return (
    <Button type="button" variant="outline" className="w-full" onClick={onClick} loading={pending}>
      <KeyRound aria-hidden /> Sign in with a passkey
    </Button>
  );
}
