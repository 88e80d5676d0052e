"use client";
// "Require SSO for members" (sso.require: owners, strict step-up). The switch only opens a
// confirmation that says what members will experience; the action runs from the dialog (a
// step-up may open above it) and the page re-renders with the saved state.
import { useState } from "react";
import { ShieldCheck } from "lucide-react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { firstMessage } from "@/components/admin/notify";
import { setRequireSsoAction } from "@/app/(app)/admin/sso/actions";

export function RequireSsoSwitch({ requireSso, canEdit, domains }: { requireSso: boolean; canEdit: boolean; domains: string[] }) {
  const [confirming, setConfirming] = useState(false);
  const action = useGuardedAction(setRequireSsoAction, { actionId: "sso.require" });
  const next = !requireSso;
  const where = domains.length ? domains.map((d) => `@${d}`).join(", ") : "your domains";

  async function confirm() {
    const outcome = await action.run({ requireSso: next });
    if (outcome.ok) {
      toast({ title: next ? "SSO is now required for members" : "SSO is no longer required", variant: "success" });
      return;
    }
    if (outcome.error.kind === "cancelled") return { keepOpen: true } as const;
    return { error: firstMessage(outcome.error) };
  }

  return (
    <div className="flex flex-col gap-3 rounded-md border p-4 sm:flex-row sm:items-start sm:justify-between" data-testid="require-sso">
      <div className="space-y-1">
        <p className="flex items-center gap-2 text-sm font-medium" id="require-sso-label">
          <ShieldCheck className="size-4" aria-hidden /> Require SSO for members
        </p>
        <p className="text-sm text-muted-foreground">
          {requireSso
            ? "On: members and admins act in this organisation only after signing in through your identity provider. Owners keep their password and passkey as break-glass."
            : "Off: members may also sign in with their password or passkey."}
        </p>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={requireSso}
        aria-labelledby="require-sso-label"
        disabled={!canEdit || action.pending}
        onClick={() => setConfirming(true)}
        data-testid="require-sso-switch"
        className="relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border-2 border-transparent transition-colors focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50 aria-checked:bg-primary aria-[checked=false]:bg-input"
      >
        <span
          aria-hidden
          className={`inline-block size-5 rounded-full bg-background shadow transition-transform ${requireSso ? "translate-x-5" : "translate-x-0"}`}
        />
      </button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={next ? "Require SSO for members?" : "Stop requiring SSO?"}
        description={
          next
            ? `Members and admins with an address on ${where} can then act in this organisation only after signing in through your identity provider: a password or passkey sign-in is sent there. Owners keep their password and passkey as break-glass, so an outage at the identity provider cannot lock you out; each such owner session is recorded in the audit log.`
            : "Members may again use their password or passkey in this organisation. Signing in through your identity provider keeps working."
        }
        confirmLabel={next ? "Require SSO" : "Stop requiring SSO"}
        pendingLabel="Saving…"
        onConfirm={confirm}
        data-testid="confirm-require-sso"
      />
    </div>
  );
}
