// Everything authorize() needs to know about a caller except its grant, read in ONE round
// trip: is the session (or API key) live, the caller's role in the org, the org's license
// row, and whether step-up is locked for the user. The guard runs on every protected
// request, so the number of round trips here is most of what the guard costs.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { LicenseRow } from "@/lib/licensing/licensing-sql";
import { isRole, type Role } from "@/lib/licensing/policy";
import type { GuardContext } from "@/lib/guard/context";
import { sessionCutoffs } from "@/lib/auth/session-lifetime";
import { selectDecisionFacts, selectDecisionFactsForShare, type SsoFacts } from "@/lib/guard/guard-sql";

export type DecisionFacts = {
  /** The session is unrevoked, within its lifetime and belongs to ctx.userId (or the API key is unrevoked and of ctx.orgId). */
  holderLive: boolean;
  /** The caller's role in ctx.orgId, null when not a member. */
  role: Role | null;
  lockedUntil: Date | null;
  /** null only if the organisation does not exist. */
  license: LicenseRow | null;
  /** Require SSO's facts (guard-sql.ts SsoFacts); the policy's ssoStanding judges them. */
  sso: SsoFacts;
};

/** @param lock FOR SHARE on the organization and subscription rows (see getLicense). */
export async function readDecisionFacts({
  tx,
  ctx,
  lock,
  now,
}: {
  tx: Db;
  ctx: GuardContext;
  lock: boolean;
  now: Date;
}): Promise<DecisionFacts> {
  const query = {
    tx,
    holder: {
      orgId: ctx.orgId,
      userId: ctx.userId,
      sessionId: ctx.kind === "session" ? ctx.sid : null,
      apiKeyId: ctx.kind === "api_key" ? ctx.apiKeyId : null,
    },
    cutoffs: sessionCutoffs(now),
  };
  const facts = lock ? await selectDecisionFactsForShare(query) : await selectDecisionFacts(query);
  return { ...facts, role: facts.role !== null && isRole(facts.role) ? facts.role : null };
}
