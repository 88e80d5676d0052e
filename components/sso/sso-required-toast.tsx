"use client";
// The guarded-action hook's answer to `sso_required` (use-guarded-action.ts): the refusal's
// words and a "Continue with SSO" link to the org's sign-in, in a toast that stays up.
import { toast } from "@/components/ui/use-toast";
import { ToastAction } from "@/components/ui/toast";
import type { Refusal } from "@/lib/action-result";

export function showSsoRequired(refusal: Extract<Refusal, { kind: "sso_required" }>) {
  toast({
    title: "Sign in with SSO",
    description: refusal.message,
    variant: "destructive",
    duration: 20_000,
    action: (
      <ToastAction altText="Continue with SSO" onClick={() => window.location.assign(refusal.startUrl)}>
        Continue with SSO
      </ToastAction>
    ),
  });
}
