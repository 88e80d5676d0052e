// One trip to the IdP (sign-in or step-up): state, nonce and PKCE verifier are created here,
// stored server-side (state only as a hash) and bound to the browser that started the trip
// (a random cookie value, hashed): a callback URL carried to another browser (login CSRF, a
// leaked link) finds no attempt. Consumed once, atomically; 10 minutes to come back.
import "server-only";
import crypto from "node:crypto";
import { generators } from "openid-client";
import { db } from "@/lib/db/client";
import { hashToken } from "@/lib/crypto/hash-token";
import type { SsoPurpose } from "@/lib/sso/sso-schemas";

export const ATTEMPT_TTL_MS = 10 * 60 * 1000;
/** The cookie that binds an attempt to its browser (HttpOnly, SameSite=Lax, /api/sso only). */
export const BINDING_COOKIE = "tg_sso_binding";

// A step-up trip's binding says so in its form (not a secret: it only picks where an unknown
// or spent callback is answered — the popup, rather than the sign-in page).
const STEP_UP_BINDING_PREFIX = "su.";
export const isStepUpBinding = (binding: string) => binding.startsWith(STEP_UP_BINDING_PREFIX);

export type NewAttempt = {
  connectionId: string;
  purpose: SsoPurpose;
  returnTo: string;
  now: Date;
  step?: { sessionId: string; actionId: string; maxAge: number; acr: string | null };
};

export async function createAttempt({ connectionId, purpose, returnTo, now, step }: NewAttempt) {
  const state = generators.state();
  const nonce = generators.nonce();
  const codeVerifier = generators.codeVerifier();
  const binding = (purpose === "step_up" ? STEP_UP_BINDING_PREFIX : "") + crypto.randomBytes(32).toString("base64url");
  await db.ssoAttempt.create({
    data: {
      connectionId,
      purpose,
      stateHash: hashToken(state),
      bindingHash: hashToken(binding),
      nonce,
      codeVerifier,
      returnTo,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ATTEMPT_TTL_MS),
      ...(step ? { sessionId: step.sessionId, actionId: step.actionId, maxAge: step.maxAge, acr: step.acr } : {}),
    },
  });
  return { state, nonce, codeChallenge: generators.codeChallenge(codeVerifier), binding };
}

/** The attempt this state names, if this browser started it and it is unspent and in time; spends it. */
export async function consumeAttempt({ state, binding, now }: { state: string; binding: string; now: Date }) {
  if (!state || !binding) return null;
  const where = { stateHash: hashToken(state), bindingHash: hashToken(binding), consumedAt: null, expiresAt: { gt: now } };
  const { count } = await db.ssoAttempt.updateMany({ where, data: { consumedAt: now } });
  if (count !== 1) return null;
  return db.ssoAttempt.findUniqueOrThrow({ where: { stateHash: hashToken(state) }, include: { connection: true } });
}
