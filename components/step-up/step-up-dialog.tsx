"use client";
// The step-up modal itself, drawn from the ceremony's state (use-step-up-ceremony.ts): the
// title and the refusal's message, how long the check will last, the IdP's button where the
// rule takes it, the error in view, and the current step — the passkey prompt, the password
// before a first passkey, the other methods or the code. It cannot be dismissed mid-request.
import { KeyRound, ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { STEP_UP_PRESETS } from "@/lib/licensing/policy";
import type { StepUpRefusal } from "@/components/step-up/step-up-provider";
import type { StepUpCeremony } from "@/components/step-up/use-step-up-ceremony";
import { EnrolPasskeyForm } from "@/components/step-up/enrol-passkey-form";
import { TotpCodeForm } from "@/components/step-up/totp-code-form";
import { OtherMethods } from "@/components/step-up/other-methods";
import { OidcStepUp } from "@/components/step-up/oidc-step-up";

function validityText(refusal: StepUpRefusal): string {
  if (refusal.maxAge === 0) return "This check is used for this one action only.";
  const preset = Object.values(STEP_UP_PRESETS).find((p) => p.maxAge === refusal.maxAge);
  const minutes = Math.round(refusal.maxAge / 60);
  const span = preset
    ? preset.label.replace(/^.*\((.*)\)$/, "$1")
    : minutes >= 60
      ? `${Math.round(minutes / 60)} hours`
      : `${minutes} minutes`;
  return `Once verified, you won't be asked again on this device for ${span}.`;
}

export function StepUpDialog({ ceremony }: { ceremony: StepUpCeremony }) {
  const { refusal, phase, error, locked, busy, finish, show } = ceremony;
  return (
    <Dialog open={refusal !== null} onOpenChange={(open) => !open && !busy && finish("cancelled")}>
      <DialogContent data-testid="step-up-modal" showCloseButton={!busy}>
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <ShieldCheck className="size-5 text-primary" aria-hidden />
            {phase === "password" || phase === "enrolling" ? "Add a passkey to continue" : "Confirm it's you"}
          </DialogTitle>
          <DialogDescription>{refusal?.message}</DialogDescription>
        </DialogHeader>
        {refusal && (phase === "intro" || phase === "verifying") && (
          <p className="text-sm text-muted-foreground">{validityText(refusal)}</p>
        )}
        {refusal && phase === "intro" && <OidcStepUp refusal={refusal} onVerified={() => finish("verified")} disabled={locked} />}
        {error && (
          <Alert variant="destructive" role="alert">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        )}
        {phase === "password" || phase === "enrolling" ? (
          <EnrolPasskeyForm
            password={ceremony.password}
            onPassword={ceremony.typePassword}
            onSubmit={ceremony.enrol}
            onOtherMethod={() => show("other")}
            onCancel={() => finish("cancelled")}
            busy={busy}
            locked={locked}
            acceptsTotp={ceremony.acceptsTotp}
          />
        ) : phase === "code" ? (
          <TotpCodeForm onSubmit={ceremony.submitCode} onBack={() => show("other")} disabled={locked} />
        ) : phase === "other" ? (
          <OtherMethods
            acceptsTotp={ceremony.acceptsTotp}
            onCode={ceremony.chooseCode}
            onOtherDevice={() => ceremony.verify({ anyDevice: true })}
            onBack={() => show("intro")}
            disabled={locked}
          />
        ) : (
          <DialogFooter className="flex-wrap">
            <Button variant="ghost" onClick={() => show("other")} disabled={busy}>
              Use another method
            </Button>
            <Button variant="outline" onClick={() => finish("cancelled")} disabled={busy}>
              Cancel
            </Button>
            <Button onClick={() => ceremony.verify()} loading={busy} disabled={locked} autoFocus>
              <KeyRound aria-hidden /> Verify with passkey
            </Button>
          </DialogFooter>
        )}
      </DialogContent>
    </Dialog>
  );
}
