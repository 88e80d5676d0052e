// The message the step-up popup sends to the modal that opened it (sso-step-up-result.tsx →
// components/step-up/oidc-step-up.tsx).
export const SSO_STEP_UP_CHANNEL = "tiergate-sso-step-up";
export type SsoStepUpMessage = { type: typeof SSO_STEP_UP_CHANNEL; verified: boolean; code: string | null };

export function isSsoStepUpMessage(data: unknown): data is SsoStepUpMessage {
  const d = data as Partial<SsoStepUpMessage> | null;
  return typeof d === "object" && d !== null && d.type === SSO_STEP_UP_CHANNEL && typeof d.verified === "boolean";
}
