// What a page shows when the guard says `sso_required`: the org signs its members in through
// its identity provider, and the one way forward is that sign-in.
import Link from "next/link";
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { Refusal } from "@/lib/action-result";

export function SsoRequiredNotice({ refusal }: { refusal: Extract<Refusal, { kind: "sso_required" }> }) {
  return (
    <EmptyState
      data-testid="sso-required"
      icon={KeyRound}
      title="Sign in with your organisation's SSO"
      description={`${refusal.message} Your password and passkey still work for other organisations you belong to.`}
      action={
        <Button asChild>
          <Link href={refusal.startUrl}>Continue with SSO</Link>
        </Button>
      }
    />
  );
}
