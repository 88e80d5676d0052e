// Step-up constants and the WebAuthn relying party. Origin and RP ID come from validated
// env (APP_URL), never from request headers: a phishing origin must not be able to tell
// the server what to expect.
import "server-only";
import { env } from "@/lib/env";
import { STEP_UP_PRESETS } from "@/lib/licensing/policy";

/** A challenge is good for 5 minutes, once. */
export const CHALLENGE_TTL_SECONDS = 5 * 60;
/** A single-use (`once`) grant must be spent within 5 minutes of the verification. */
export const ONCE_GRANT_TTL_SECONDS = 5 * 60;
/**
 * Hard ceiling on any reusable grant row. Freshness is decided per action from verifiedAt
 * (so one verification serves a 10-minute and a 60-minute action alike); this only bounds
 * how long a row can matter at all: the longest preset there is.
 */
export const MAX_GRANT_AGE_SECONDS = STEP_UP_PRESETS.lax.maxAge;
/** 10 failed step-ups within 15 minutes lock step-up for 15 minutes. */
export const LOCKOUT_MAX_FAILURES = 10;
export const LOCKOUT_WINDOW_SECONDS = 15 * 60;
export const LOCKOUT_DURATION_SECONDS = 15 * 60;

export function relyingParty() {
  const e = env();
  return { rpName: "tiergate", rpID: e.rpID, origin: e.origin };
}
