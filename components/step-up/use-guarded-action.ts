"use client";
// Calls a guarded server action the way every page should: one idempotency key per call;
// on step_up_required the modal opens, and after a verified passkey the action is retried
// exactly once with the same key (so a side effect can never run twice). Cancel resolves
// to a typed `cancelled` result; plan_required opens the upgrade prompt; sso_required shows
// the way to the org's SSO sign-in (sso-required-toast.tsx).
import { useCallback, useState } from "react";
import type { ActionResult, Refusal } from "@/lib/action-result";
import type { GuardedServerAction } from "@/lib/guard/guarded-action";
import type { ActionId } from "@/lib/licensing/policy";
import { useStepUp } from "@/components/step-up/step-up-provider";
import { showSsoRequired } from "@/components/sso/sso-required-toast";
import { currentOpener, returnFocusWhenReady } from "@/components/step-up/return-focus";

export type Cancelled = { kind: "cancelled"; message: string };
export type GuardedOutcome<T> = { ok: true; data: T } | { ok: false; error: Refusal | Cancelled };

/** @param options.actionId lets the upgrade prompt name the feature the plan lacks. */
export function useGuardedAction<I, T>(action: GuardedServerAction<I, T>, options: { actionId?: ActionId } = {}) {
  const { requestStepUp, showUpgrade } = useStepUp();
  const [pending, setPending] = useState(false);

  const run = useCallback(
    async (input: I): Promise<GuardedOutcome<T>> => {
      const idempotencyKey = crypto.randomUUID();
      const opener = currentOpener(); // before the button disables itself
      let modalShown = false;
      setPending(true);
      try {
        let result: ActionResult<T> = await action({ input, idempotencyKey });
        if (!result.ok && result.error.kind === "step_up_required") {
          modalShown = true;
          const outcome = await requestStepUp(result.error);
          if (outcome === "cancelled") return { ok: false, error: { kind: "cancelled", message: "Verification was cancelled." } };
          result = await action({ input, idempotencyKey }); // exactly one retry
        }
        if (!result.ok && result.error.kind === "plan_required") showUpgrade(result.error, options.actionId ?? null);
        if (!result.ok && result.error.kind === "sso_required") showSsoRequired(result.error);
        return result;
      } catch {
        return { ok: false, error: { kind: "error", message: "We could not reach the server. Check your connection and try again." } };
      } finally {
        setPending(false);
        if (modalShown) returnFocusWhenReady(opener);
      }
    },
    [action, requestStepUp, showUpgrade, options.actionId],
  );

  return { run, pending };
}
