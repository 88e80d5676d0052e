"use client";
// Hosts the one step-up modal and the upgrade prompt for everything below it. Mounted once, in
// the app layout (app/(app)/layout.tsx): components and pages below it use useStepUp() and never
// mount their own (a second provider would be a second modal).
// With a passkey the modal asks for it; "Use another method" offers an authenticator-app code
// (only where the action's rule accepts TOTP: the refusal's `methods` say), a passkey on
// another device (the browser's hybrid/QR flow) and the recovery page. Without a passkey it
// opens into enrolment (the password first), or into the code when the rule accepts one.
// A session signed in through its org's IdP may re-authenticate there (oidc-step-up.tsx).
import { createContext, useCallback, useContext, useRef, useState } from "react";
import { KeyRound, ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { UpgradePrompt } from "@/components/shell/upgrade-prompt";
import { ACTIONS, STEP_UP_PRESETS, type ActionId, type PlanId } from "@/lib/licensing/policy";
import type { Refusal } from "@/lib/action-result";
import { registerPasskey, runStepUp } from "@/components/step-up/webauthn-client";
import { stepUpWithCode } from "@/components/step-up/totp-client";
import { TotpCodeForm } from "@/components/step-up/totp-code-form";
import { RecoveryCodesReveal } from "@/components/account/recovery-codes-reveal";
import { OtherMethods } from "@/components/step-up/other-methods";
import { OidcStepUp } from "@/components/step-up/oidc-step-up";

export type StepUpRefusal = Extract<Refusal, { kind: "step_up_required" }>;
export type StepUpOutcome = "verified" | "cancelled";

type Ctx = {
  requestStepUp: (refusal: StepUpRefusal) => Promise<StepUpOutcome>;
  showUpgrade: (refusal: { plan: PlanId }, actionId: ActionId | null) => void;
};
const StepUpContext = createContext<Ctx | null>(null);

export function useStepUp(): Ctx {
  const ctx = useContext(StepUpContext);
  if (!ctx) throw new Error("useStepUp needs a <StepUpProvider> above it");
  return ctx;
}

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

type Phase = "intro" | "verifying" | "password" | "enrolling" | "other" | "code";

// long: the step-up context's ceremony (options, browser prompt, verify, retry after lockout) is one state machine that every consumer shares
export function StepUpProvider({ children }: { children: React.ReactNode }) {
  const [refusal, setRefusal] = useState<StepUpRefusal | null>(null);
  const [phase, setPhase] = useState<Phase>("intro");
  const [error, setError] = useState<string | null>(null);
  const [locked, setLocked] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [password, setPassword] = useState("");
  const resolver = useRef<((o: StepUpOutcome) => void) | null>(null);
  const [upgrade, setUpgrade] = useState<{ plan: PlanId; actionId: ActionId | null } | null>(null);

  const finish = useCallback((outcome: StepUpOutcome) => {
    resolver.current?.(outcome);
    resolver.current = null;
    setRefusal(null);
    setPassword("");
  }, []);

  const requestStepUp = useCallback((r: StepUpRefusal) => {
    resolver.current?.("cancelled"); // only one modal at a time
    setRefusal(r);
    setPhase("intro");
    setError(null);
    setLocked(false);
    return new Promise<StepUpOutcome>((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const showUpgrade = useCallback((r: { plan: PlanId }, actionId: ActionId | null) => setUpgrade({ plan: r.plan, actionId }), []);

  const acceptsTotp = refusal?.methods.includes("totp") ?? false;

  async function verify({ anyDevice = false }: { anyDevice?: boolean } = {}) {
    if (!refusal) return;
    setPhase("verifying");
    setError(null);
    const outcome = await runStepUp({ actionId: refusal.actionId, anyDevice });
    if (outcome.ok) return finish("verified");
    if ("enrol" in outcome) {
      setPhase("password");
      return;
    }
    setLocked(Boolean(outcome.locked));
    setError(outcome.message);
    setPhase("intro");
  }

  async function enrol(event: React.FormEvent) {
    event.preventDefault();
    if (!refusal) return;
    if (!password) {
      setError("Enter your password.");
      return;
    }
    setPhase("enrolling");
    setError(null);
    const registered = await registerPasskey({ password, name: "Passkey" });
    if (!registered.ok && "stepUp" in registered) {
      // A passkey was added elsewhere meanwhile: the password no longer enrols; verify with it.
      setPassword("");
      setError("Your account has a passkey now. Verify with it to continue.");
      setPhase("intro");
      return;
    }
    if (!registered.ok) {
      setLocked(Boolean("locked" in registered && registered.locked));
      setError(registered.message);
      setPhase("password");
      return;
    }
    setPassword("");
    // The first factor's recovery codes exist in clear only in this answer: shown once the
    // modal closes (the action resumes underneath), or the person would never see them.
    if (registered.recoveryCodes) setRecoveryCodes(registered.recoveryCodes);
    // The new passkey now completes the step-up itself.
    setPhase("verifying");
    const outcome = await runStepUp({ actionId: refusal.actionId });
    if (outcome.ok) return finish("verified");
    setError(outcome.message);
    setPhase("intro");
  }

  async function submitCode(code: string) {
    if (!refusal) return;
    setError(null);
    const outcome = await stepUpWithCode({ code, actionId: refusal.actionId });
    if (outcome.ok) return finish("verified");
    setLocked(Boolean(outcome.locked));
    setError(
      outcome.notEnrolled ? "You have no authenticator app set up. Use a passkey, or set one up on your account page." : outcome.message,
    );
    if (outcome.notAccepted || outcome.notEnrolled) setPhase("other");
  }

  const busy = phase === "verifying" || phase === "enrolling";
  return (
    <StepUpContext.Provider value={{ requestStepUp, showUpgrade }}>
      {children}
      {recoveryCodes && refusal === null && <RecoveryCodesReveal codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />}
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
            <form onSubmit={enrol} className="space-y-4" noValidate>
              <p className="text-sm text-muted-foreground">
                You don&apos;t have a passkey yet. Re-enter your password so we know it&apos;s really you, then your device will create one.
                {acceptsTotp ? null : " This action needs a passkey: an authenticator app code is not enough."}
              </p>
              <div className="space-y-2">
                <Label htmlFor="step-up-password">Password</Label>
                <Input
                  id="step-up-password"
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  disabled={busy || locked}
                  autoFocus
                />
              </div>
              <DialogFooter className="flex-wrap">
                <Button type="button" variant="ghost" onClick={() => setPhase("other")} disabled={busy}>
                  Use another method
                </Button>
                <Button type="button" variant="outline" onClick={() => finish("cancelled")} disabled={busy}>
                  Cancel
                </Button>
                <Button type="submit" loading={busy} disabled={locked}>
                  <KeyRound aria-hidden /> Add passkey and continue
                </Button>
              </DialogFooter>
            </form>
          ) : phase === "code" ? (
            <TotpCodeForm onSubmit={submitCode} onBack={() => setPhase("other")} disabled={locked} />
          ) : phase === "other" ? (
            <OtherMethods
              acceptsTotp={acceptsTotp}
              onCode={() => {
                setError(null);
                setPhase("code");
              }}
              onOtherDevice={() => verify({ anyDevice: true })}
              onBack={() => setPhase("intro")}
              disabled={locked}
            />
          ) : (
            <DialogFooter className="flex-wrap">
              <Button variant="ghost" onClick={() => setPhase("other")} disabled={busy}>
                Use another method
              </Button>
              <Button variant="outline" onClick={() => finish("cancelled")} disabled={busy}>
                Cancel
              </Button>
              <Button onClick={() => verify()} loading={busy} disabled={locked} autoFocus>
                <KeyRound aria-hidden /> Verify with passkey
              </Button>
            </DialogFooter>
          )}
        </DialogContent>
      </Dialog>
      {upgrade && (
        <UpgradePrompt
          open
          onOpenChange={(open) => !open && setUpgrade(null)}
          feature={upgrade.actionId ? ACTIONS[upgrade.actionId].feature : null}
          plan={upgrade.plan}
        />
      )}
    </StepUpContext.Provider>
  );
}
