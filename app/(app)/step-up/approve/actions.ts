"use server";
// Deny an API client's device-flow request: a session-level action, not a policy one.
import { sessionAction } from "@/lib/guard/session-action";
import { denyApiStepUp } from "@/lib/api-keys/deny-api-step-up";

export const denyApiStepUpAction = sessionAction("apiStepUp.deny", denyApiStepUp, { signedOut: "Please sign in to answer this request." });
