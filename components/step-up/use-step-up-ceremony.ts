"use client";
// The step-up ceremony behind the one modal (step-up-provider.tsx): opening it for a refusal
// and resolving the caller's promise once, and each way through it — the passkey on this or
// another device, a first passkey after the password, an authenticator-app code. Each answer
// becomes one event of the reducer in step-up-ceremony.ts, which says what the modal shows.
import { useCallback, useReducer, useRef, useState } from "react";
import type { ActionId } from "@/lib/licensing/policy";
import type { StepUpOutcome, StepUpRefusal } from "@/components/step-up/step-up-provider";
import { ceremonyReducer, NO_CEREMONY, type CeremonyEvent, type Phase } from "@/components/step-up/step-up-ceremony";
import { registerPasskey, runStepUp } from "@/components/step-up/webauthn-client";
import { stepUpWithCode } from "@/components/step-up/totp-client";

export type StepUpCeremony = ReturnType<typeof useStepUpCeremony>;

export function useStepUpCeremony() {
  const [state, dispatch] = useReducer(ceremonyReducer, NO_CEREMONY);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const resolver = useRef<((o: StepUpOutcome) => void) | null>(null);

  const finish = useCallback((outcome: StepUpOutcome) => {
    resolver.current?.(outcome);
    resolver.current = null;
    dispatch({ type: "close" });
  }, []);

  const requestStepUp = useCallback((refusal: StepUpRefusal) => {
    resolver.current?.("cancelled"); // only one modal at a time
    dispatch({ type: "open", refusal });
    return new Promise<StepUpOutcome>((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const { refusal, password } = state;
  const attempt: Attempt | null = refusal && { actionId: refusal.actionId, dispatch, finish };
  return {
    ...state,
    busy: state.phase === "verifying" || state.phase === "enrolling",
    acceptsTotp: refusal?.methods.includes("totp") ?? false,
    recoveryCodes,
    dismissRecoveryCodes: () => setRecoveryCodes(null),
    requestStepUp,
    finish,
    show: (phase: Phase) => dispatch({ type: "show", phase }),
    typePassword: (value: string) => dispatch({ type: "password", password: value }),
    chooseCode: () => dispatch({ type: "begin", phase: "code" }),
    verify: async ({ anyDevice = false }: { anyDevice?: boolean } = {}) => {
      if (attempt) await verifyWithPasskey(attempt, anyDevice);
    },
    enrol: async (event: React.FormEvent) => {
      event.preventDefault();
      if (attempt) await enrolFirstPasskey(attempt, password, setRecoveryCodes);
    },
    submitCode: async (code: string) => {
      if (attempt) await verifyWithCode(attempt, code);
    },
  };
}

/** What each way through needs: the refused action, the reducer, and the modal's one way out. */
type Attempt = { actionId: ActionId; dispatch: (event: CeremonyEvent) => void; finish: (outcome: StepUpOutcome) => void };

async function verifyWithPasskey({ actionId, dispatch, finish }: Attempt, anyDevice: boolean) {
  dispatch({ type: "begin", phase: "verifying" });
  const outcome = await runStepUp({ actionId, anyDevice });
  if (outcome.ok) return finish("verified");
  if ("enrol" in outcome) {
    dispatch({ type: "show", phase: "password" });
    return;
  }
  dispatch({ type: "failed", message: outcome.message, locked: Boolean(outcome.locked), phase: "intro" });
}

async function enrolFirstPasskey({ actionId, dispatch, finish }: Attempt, password: string, showRecoveryCodes: (codes: string[]) => void) {
  if (!password) {
    dispatch({ type: "failed", message: "Enter your password." });
    return;
  }
  dispatch({ type: "begin", phase: "enrolling" });
  const registered = await registerPasskey({ password, name: "Passkey" });
  if (!registered.ok && "stepUp" in registered) {
    // A passkey was added elsewhere meanwhile: the password no longer enrols; verify with it.
    dispatch({ type: "password", password: "" });
    dispatch({ type: "failed", message: "Your account has a passkey now. Verify with it to continue.", phase: "intro" });
    return;
  }
  if (!registered.ok) {
    dispatch({
      type: "failed",
      message: registered.message,
      locked: Boolean("locked" in registered && registered.locked),
      phase: "password",
    });
    return;
  }
  dispatch({ type: "password", password: "" });
  // The first factor's recovery codes exist in clear only in this answer: shown once the
  // modal closes (the action resumes underneath), or the person would never see them.
  if (registered.recoveryCodes) showRecoveryCodes(registered.recoveryCodes);
  // The new passkey now completes the step-up itself.
  dispatch({ type: "show", phase: "verifying" });
  const outcome = await runStepUp({ actionId });
  if (outcome.ok) return finish("verified");
  dispatch({ type: "failed", message: outcome.message, phase: "intro" });
}

async function verifyWithCode({ actionId, dispatch, finish }: Attempt, code: string) {
  dispatch({ type: "begin" });
  const outcome = await stepUpWithCode({ code, actionId });
  if (outcome.ok) return finish("verified");
  dispatch({
    type: "failed",
    message: outcome.notEnrolled
      ? "You have no authenticator app set up. Use a passkey, or set one up on your account page."
      : outcome.message,
    locked: Boolean(outcome.locked),
    // A code this action does not accept, or no app to take one from: back to the other methods.
    phase: outcome.notAccepted || outcome.notEnrolled ? "other" : undefined,
  });
}
