// Step-up grants: created by a verified assertion, found (and locked) by the guard,
// consumed when single-use, revoked when what they stood on goes away.
import "server-only";
import crypto from "node:crypto";
import { db, type Db } from "@/lib/db/client";
import { now as clockNow } from "@/lib/clock";
import { revokeGrants, type GrantRevokeReason } from "@/lib/step-up/revoke-grants";
import { grantSatisfies, type GrantFacts } from "@/lib/step-up/grant-freshness";
import {
  selectUsableGrant,
  selectUsableGrantForShare,
  selectUsableGrantForUpdate,
  type NewGrantRow,
} from "@/lib/step-up/step-up-grants-sql";
import { MAX_GRANT_AGE_SECONDS, ONCE_GRANT_TTL_SECONDS } from "@/lib/step-up/config";
import { methodStrength, type ActionId, type FactorStrength, type StepUpRequirement } from "@/lib/licensing/policy";

function grantStrength(method: "passkey" | "totp"): FactorStrength {
  const strength = methodStrength(method);
  if (!strength) throw new Error(`${method} has no fixed strength`);
  return strength;
}

/** Who holds a grant: a browser session, or an org API key (device-flow approval). */
export type GrantHolder = { sessionId: string } | { apiKeyId: string };

export type UsableGrant = GrantFacts & { id: string; passkeyId: string | null; level: string };

/** What earned the grant: a passkey (named), a TOTP code, or an IdP re-authentication (its acr's strength). */
export type GrantFactor =
  { method: "passkey"; passkeyId: string } | { method: "totp" } | { method: "oidc"; strength: FactorStrength; acr: string; authTime: Date };

export type GrantFactsInput = {
  holder: GrantHolder;
  userId: string;
  orgId: string;
  factor: GrantFactor;
  actionId: ActionId | null;
  requirement: StepUpRequirement | null;
  now: Date;
};

/**
 * The grant for a verified step-up. For an action whose requirement is `once` (max age 0)
 * the grant is scoped to that action and short-lived; API-client grants are always scoped
 * to the action the member approved. Otherwise the grant is general and its freshness is
 * judged per action from verifiedAt. The id is chosen here (as Prisma's uuid() default
 * would) so a caller can name the grant in the same statement that inserts it.
 */
export function grantRow({ holder, userId, orgId, factor, actionId, requirement, now }: GrantFactsInput): NewGrantRow {
  const once = requirement?.maxAge === 0;
  const scoped = once || "apiKeyId" in holder;
  const ttl = once ? ONCE_GRANT_TTL_SECONDS : MAX_GRANT_AGE_SECONDS;
  return {
    id: crypto.randomUUID(),
    sessionId: "sessionId" in holder ? holder.sessionId : null,
    apiKeyId: "apiKeyId" in holder ? holder.apiKeyId : null,
    userId,
    orgId,
    method: factor.method,
    strength: factor.method === "oidc" ? factor.strength : grantStrength(factor.method),
    passkeyId: factor.method === "passkey" ? factor.passkeyId : null,
    acr: factor.method === "oidc" ? factor.acr : null,
    authTime: factor.method === "oidc" ? factor.authTime : null,
    level: requirement?.level ?? "strict",
    actionId: scoped ? actionId : null,
    verifiedAt: now,
    expiresAt: new Date(now.getTime() + ttl * 1000),
  };
}

/** Mints the grant for a verified step-up (see grantRow). */
export async function createGrant({ tx = db, ...facts }: GrantFactsInput & { tx?: Db }) {
  return tx.stepUpGrant.create({ data: grantRow(facts) });
}

/**
 * The freshest grant of `holder` in `orgId` that satisfies `requirement` for `actionId`.
 * With `lock`, the row is taken FOR SHARE inside the caller's transaction: a concurrent
 * revocation (sign-out, passkey removal, plan change) waits for the action to commit, or
 * the action sees the revocation. A single-use grant is taken FOR UPDATE instead: two
 * actions racing for it queue there (rather than deadlock upgrading share locks), and the
 * second one re-reads it as consumed.
 */
export async function findUsableGrant({
  tx = db,
  holder,
  orgId,
  actionId,
  requirement,
  now,
  lock = false,
}: {
  tx?: Db;
  holder: GrantHolder;
  orgId: string;
  actionId: ActionId;
  requirement: StepUpRequirement;
  now: Date;
  lock?: boolean;
}): Promise<UsableGrant | null> {
  const once = requirement.maxAge === 0;
  const query = {
    tx,
    sessionId: "sessionId" in holder ? holder.sessionId : null,
    apiKeyId: "apiKeyId" in holder ? holder.apiKeyId : null,
    orgId,
    actionId,
    once,
    verifiedAfter: new Date(now.getTime() - requirement.maxAge * 1000),
    methods: requirement.methods,
    now,
  };
  const row = !lock
    ? await selectUsableGrant(query)
    : once
      ? await selectUsableGrantForUpdate(query)
      : await selectUsableGrantForShare(query);
  return row && grantSatisfies({ grant: row, actionId, requirement, now }) ? row : null;
}

/** Spends a single-use grant. Exactly one of two concurrent spenders gets `true`. */
export async function consumeGrant({ tx = db, grantId, now }: { tx?: Db; grantId: string; now: Date }): Promise<boolean> {
  const { count } = await tx.stepUpGrant.updateMany({
    where: { id: grantId, consumedAt: null, revokedAt: null },
    data: { consumedAt: now },
  });
  return count === 1;
}

/** Every live grant of a user dies (e.g. on password change). Returns how many. */
export async function revokeGrantsForUser({
  tx = db,
  userId,
  reason,
  now,
}: {
  tx?: Db;
  userId: string;
  reason: Extract<GrantRevokeReason, "password_changed" | "password_reset">;
  now?: Date;
}): Promise<number> {
  return revokeGrants({ tx, scope: { userId }, reason, actor: { type: "user", userId }, now: now ?? (await clockNow()) });
}

/** The grants a passkey produced die with it. */
export function revokeGrantsForPasskey({ tx, passkeyId, actorUserId, now }: { tx: Db; passkeyId: string; actorUserId: string; now: Date }) {
  return revokeGrants({ tx, scope: { passkeyId }, reason: "passkey_removed", actor: { type: "user", userId: actorUserId }, now });
}

/** The grants an API key holds die with the key. */
export function revokeGrantsForApiKey({ tx, apiKeyId, actorUserId, now }: { tx: Db; apiKeyId: string; actorUserId: string; now: Date }) {
  return revokeGrants({ tx, scope: { apiKeyId }, reason: "api_key_revoked", actor: { type: "user", userId: actorUserId }, now });
}
