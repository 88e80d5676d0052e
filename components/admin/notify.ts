"use client";
import { toast } from "@/components/ui/use-toast";
import type { GuardedOutcome } from "@/components/step-up/use-guarded-action";

/** Toasts a refused outcome (cancel is the person's own choice: no toast). Returns ok. */
export function reportOutcome<T>(outcome: GuardedOutcome<T>, failureTitle: string): outcome is { ok: true; data: T } {
  if (outcome.ok) return true;
  // plan_required and sso_required have their own prompt (use-guarded-action.ts).
  if (outcome.error.kind === "cancelled" || outcome.error.kind === "plan_required" || outcome.error.kind === "sso_required") return false;
  toast({ title: failureTitle, description: firstMessage(outcome.error), variant: "destructive" });
  return false;
}

/** A refusal's most specific words: the first field's message, else the refusal's own. */
export function firstMessage(error: Exclude<GuardedOutcome<unknown>, { ok: true }>["error"]): string {
  const fields = error.kind === "invalid" ? Object.values(error.fields) : [];
  return fields[0] ?? error.message;
}
