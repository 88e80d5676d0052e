"use client";
// Hosts the one step-up modal and the upgrade prompt for everything below it. Mounted once, in
// the app layout (app/(app)/layout.tsx): components and pages below it use useStepUp() and never
// mount their own (a second provider would be a second modal).
// With a passkey the modal asks for it; "Use another method" offers an authenticator-app code
// (only where the action's rule accepts TOTP: the refusal's `methods` say), a passkey on
// another device (the browser's hybrid/QR flow) and the recovery page. Without a passkey it
// opens into enrolment (the password first), or into the code when the rule accepts one.
// A session signed in through its org's IdP may re-authenticate there (oidc-step-up.tsx).
// The ceremony is use-step-up-ceremony.ts (its states and moves: step-up-ceremony.ts) and the
// modal step-up-dialog.tsx; this file mounts them and hands out the context.
import { createContext, useCallback, useContext, useState } from "react";
import { UpgradePrompt } from "@/components/shell/upgrade-prompt";
import { ACTIONS, type ActionId, type PlanId } from "@/lib/licensing/policy";
import type { Refusal } from "@/lib/action-result";
import { RecoveryCodesReveal } from "@/components/account/recovery-codes-reveal";
import { useStepUpCeremony } from "@/components/step-up/use-step-up-ceremony";
import { StepUpDialog } from "@/components/step-up/step-up-dialog";

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

export function StepUpProvider({ children }: { children: React.ReactNode }) {
  const ceremony = useStepUpCeremony();
  const [upgrade, setUpgrade] = useState<{ plan: PlanId; actionId: ActionId | null } | null>(null);
  const showUpgrade = useCallback((r: { plan: PlanId }, actionId: ActionId | null) => setUpgrade({ plan: r.plan, actionId }), []);

  return (
    <StepUpContext.Provider value={{ requestStepUp: ceremony.requestStepUp, showUpgrade }}>
      {children}
      {ceremony.recoveryCodes && ceremony.refusal === null && (
        <RecoveryCodesReveal codes={ceremony.recoveryCodes} onDone={ceremony.dismissRecoveryCodes} />
      )}
      <StepUpDialog ceremony={ceremony} />
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
