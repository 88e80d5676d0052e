"use client";
import { toast } from "@/components/ui/use-toast";
import type { GuardedOutcome } from "@/components/step-up/use-guarded-action";

/** Toasts a refused outcome (cancel is the person's own choice: no toast). Returns ok. */
export function reportOutcome<T>(outcome: GuardedOutcome<T>, failureTitle: string): outcome is { ok: true; data: T } {
  if (outcome.ok) return true;
  if (outcome.error.kind === "cancelled" || outcome.error.kind === "plan_required") return false;
  const fields = outcome.error.kind === "invalid" ? Object.values(outcome.error.fields) : [];
  toast({ title: failureTitle, description: fields[0] ?? outcome.error.message, variant: "destructive" });
  return false;
}
