// RFC 9470's `acr_values` in the step-up challenge an API key of an SSO org receives: for each
// strength that satisfies the rule (weakest first), the acr the org's IdP issues for it, where
// the connection maps one, else tiergate's own strength name (the vocabulary the map is made
// of), so no sufficient strength drops out of the list. Null for an org without a connection
// or whose plan lost SSO: the challenge keeps the strength names alone. Read on the refusal path
// only (lib/guard/guard-route.ts), after the guard's transaction.
import "server-only";
import { db } from "@/lib/db/client";
import { now as clockNow } from "@/lib/clock";
import { getLicense } from "@/lib/licensing/get-license";
import { FACTOR_STRENGTHS, strengthAtLeast, type FactorStrength } from "@/lib/licensing/policy";
import { ssoOnPlan } from "@/lib/sso/sso-on-plan";
import type { SsoAcrStrength } from "@/lib/sso/sso-schemas";

export async function ssoChallengeAcrValues({
  orgId,
  minStrength,
}: {
  orgId: string;
  minStrength: FactorStrength;
}): Promise<string | null> {
  const connection = await db.ssoConnection.findUnique({ where: { orgId }, select: { acrMap: true } });
  if (!connection) return null;
  if (!ssoOnPlan((await getLicense({ orgId, now: await clockNow() })).plan)) return null;
  const map = (connection.acrMap ?? {}) as Partial<Record<SsoAcrStrength, string>>;
  return FACTOR_STRENGTHS.filter((s) => strengthAtLeast(s, minStrength))
    .map((s) => map[s] ?? s)
    .join(" ");
}
