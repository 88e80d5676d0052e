"use client";
// Redeems the one-time ticket the SSO callback put in the URL fragment through next-auth's
// "sso" provider, then goes where the person was headed. The fragment is cleared first so a
// reload or a copied URL carries nothing.
import { useEffect, useState } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { Alert, AlertDescription } from "@/components/ui/alert";

export function CompleteSsoSignIn({ next }: { next: string }) {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const ticket = new URLSearchParams(window.location.hash.slice(1)).get("ticket") ?? "";
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    void signIn("sso", { ticket, redirect: false }).then((result) => {
      if (result && !result.error) window.location.assign(next);
      else setFailed(true);
    });
  }, [next]);
  if (!failed)
    return (
      <p className="text-sm text-muted-foreground" role="status">
        One moment…
      </p>
    );
  return (
    <Alert variant="destructive" role="alert">
      <AlertDescription>
        This sign-in link was already used or has expired.{" "}
        <Link href="/sign-in" className="font-medium underline">
          Sign in again
        </Link>
        .
      </AlertDescription>
    </Alert>
  );
}
