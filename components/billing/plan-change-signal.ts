"use client";
// "This tab just changed the plan": set by the billing controls before their own
// confirmation toast, read by the shell's PlanChangeToast so the same tab is told once.
const QUIET_MS = 15_000;
let changedAt = 0;

export function markPlanChangedHere() {
  changedAt = Date.now();
}

export function changedHereRecently() {
  return Date.now() - changedAt < QUIET_MS;
}
