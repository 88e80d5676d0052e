// May THIS session step up for THIS action by signing in again at its org's IdP, and what must
// the IdP be asked for? Decided on the server, at the start of the trip and again on its return
// (a plan change, a tightened org policy, a removed connection or a revoked session between the
// two are honoured). The modal's offer reads the same answer, so a button is never shown for a
// trip the start would refuse.
//
// Conditions, in order:
//   1. the session was opened through the org's own connection (Session.ssoConnectionId), and
//      the user still has that connection's identity (the subject the ID token must carry);
//   2. the org's plan still has SSO (a downgrade turns the IdP off for step-up too);
//   3. the action needs a step-up at all, and its rule (after the org's tighten-only narrowing,
//      stepUpRequirement) accepts `oidc`;
//   4. the connection maps at least one strength the rule accepts onto an acr: without a
//      mapping tiergate cannot know what the IdP's login proved (a password? MFA?), so it
//      cannot mint a grant of any strength (factors.ts methodStrength → null). Those acr values
//      are sent as `acr_values`, the weakest sufficient one first (the least friction that
//      still meets the rule); the returned acr is judged against the map again.
import "server-only";
import { db } from "@/lib/db/client";
import { getLicense } from "@/lib/licensing/get-license";
import {
  FACTOR_STRENGTHS,
  stepUpRequirement,
  strengthAtLeast,
  type ActionId,
  type FactorStrength,
  type StepUpRequirement,
} from "@/lib/licensing/policy";
import { ssoOnPlan } from "@/lib/sso/sso-on-plan";
import type { SsoAcrStrength } from "@/lib/sso/sso-schemas";
import type { SsoStepUpErrorCode } from "@/lib/sso/sso-step-up-errors";

export type SsoConnectionRow = NonNullable<Awaited<ReturnType<typeof findConnection>>>;

export type SsoStepUpOption =
  | {
      ok: true;
      connection: SsoConnectionRow;
      requirement: StepUpRequirement;
      /** What to send as acr_values, weakest sufficient first. */
      acrValues: string[];
      /** The IdP subject the re-authentication must come back with. */
      subject: string;
      /** "login.example.com": how the modal names the IdP. */
      idpLabel: string;
    }
  | { ok: false; code: SsoStepUpErrorCode; reason: string };

const findConnection = (orgId: string) => db.ssoConnection.findUnique({ where: { orgId } });

export const idpLabel = (issuer: string) => (URL.canParse(issuer) ? new URL(issuer).host : issuer);

/** The strongest strength the connection maps `acr` onto; null when the acr is not mapped. */
export function strengthOfAcr(acrMap: unknown, acr: unknown): FactorStrength | null {
  if (typeof acr !== "string" || !acr) return null;
  const map = (acrMap ?? {}) as Partial<Record<SsoAcrStrength, string>>;
  return [...FACTOR_STRENGTHS].reverse().find((s) => map[s] === acr) ?? null;
}

export async function ssoStepUpOption({
  sessionId,
  userId,
  orgId,
  actionId,
  now,
}: {
  sessionId: string;
  userId: string;
  /** The session's current org. */
  orgId: string;
  actionId: ActionId;
  now: Date;
}): Promise<SsoStepUpOption> {
  const [session, connection] = await Promise.all([
    db.session.findUnique({ where: { id: sessionId }, select: { ssoConnectionId: true, userId: true } }),
    findConnection(orgId),
  ]);
  if (!session || session.userId !== userId || !connection || session.ssoConnectionId !== connection.id) {
    return { ok: false, code: "not_sso_session", reason: "not_sso_session" };
  }
  const identity = await db.ssoIdentity.findUnique({
    where: { connectionId_userId: { connectionId: connection.id, userId } },
    select: { subject: true },
  });
  if (!identity) return { ok: false, code: "not_sso_session", reason: "no_identity" };
  const license = await getLicense({ orgId, now });
  if (!ssoOnPlan(license.plan)) return { ok: false, code: "sso_off", reason: `plan:${license.plan}` };
  const requirement = stepUpRequirement(actionId, license.plan, license.stepUpOverrides);
  if (!requirement) return { ok: false, code: "no_step_up", reason: `no_step_up:${actionId}` };
  if (!requirement.methods.includes("oidc")) {
    return { ok: false, code: "method_not_accepted", reason: `method_not_accepted:${requirement.factors}` };
  }
  const map = (connection.acrMap ?? {}) as Partial<Record<SsoAcrStrength, string>>;
  const acrValues = FACTOR_STRENGTHS.filter((s) => strengthAtLeast(s, requirement.minStrength)).flatMap((s) => map[s] ?? []);
  if (acrValues.length === 0) return { ok: false, code: "acr_not_mapped", reason: `acr_not_mapped:${requirement.minStrength}` };
  return { ok: true, connection, requirement, acrValues, subject: identity.subject, idpLabel: idpLabel(connection.issuer) };
}
