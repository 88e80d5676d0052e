// A step-up with an authenticator-app code, where the action's rule accepts TOTP. Checked in
// this order, so a refusal costs the person nothing it need not: the rule first (a TOTP code
// offered for a passkey-only action is refused before the code is looked at, and the code
// stays usable), then the code under the shared budget (lib/factors/totp-check.ts: lockout,
// reservation, step used once). The grant is minted by the one grant writer (grants.ts) with
// method `totp`, strength `mfa`, bound to this session and org; every outcome is audited.
import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { lockedRefusal } from "@/lib/step-up/lockout";
import { getLicense } from "@/lib/licensing/get-license";
import { ACTIONS, PLANS, describeMethods, stepUpRequirement, type ActionId } from "@/lib/licensing/policy";
import { checkTotp } from "@/lib/factors/totp-check";
import { ZTotpCodeSchema } from "@/lib/factors/totp-code";
import { createGrant } from "@/lib/step-up/grants";
import { ZActionIdSchema } from "@/lib/step-up/schemas";

export const ZTotpStepUpSchema = z.object({ code: ZTotpCodeSchema, actionId: ZActionIdSchema.nullable().default(null) }).strict();

export type TotpStepUpResult =
  | { ok: true; grant: { level: string; verifiedAt: Date; expiresAt: Date } }
  /** The rule does not accept TOTP: the code was not checked. */
  | { ok: false; kind: "method_not_accepted"; message: string }
  | { ok: false; kind: "failed"; reason: "wrong" | "reused" | "not_enrolled"; message: string }
  | { ok: false; kind: "locked"; retryAfter: number; message: string };

export async function stepUpWithTotp({
  userId,
  email,
  sessionId,
  orgId,
  code,
  actionId,
  now,
  ip,
}: {
  userId: string;
  email: string;
  sessionId: string;
  orgId: string;
  code: string;
  actionId: ActionId | null;
  now: Date;
  ip: string | null;
}): Promise<TotpStepUpResult> {
  const actor = { type: "user", userId, email } as const;
  const audit = (decision: "succeeded" | "failed" | "refused", detail: Record<string, unknown>) =>
    recordAuditEvent({
      orgId,
      actor,
      action: "step_up.verify",
      decision,
      method: "totp",
      detail: { forAction: actionId, ...detail },
      ip,
      at: now,
    });

  const license = await getLicense({ orgId, now });
  const requirement = actionId ? stepUpRequirement(actionId, license.plan, license.stepUpOverrides) : null;
  if (actionId && requirement && !requirement.methods.includes("totp")) {
    await audit("refused", { reason: "method_not_accepted", accepts: requirement.methods });
    const message = `${ACTIONS[actionId].why} needs ${describeMethods(requirement.methods)} on the ${PLANS[license.plan].name} plan; an authenticator app code is not enough.`;
    return { ok: false, kind: "method_not_accepted", message };
  }

  const check = await checkTotp({ userId, orgId, code, ip, now });
  if (!check.ok) {
    await audit("failed", { reason: check.reason });
    if (check.reason === "locked" || check.reason === "throttled") return { ok: false, ...lockedRefusal(check.retryAfter, check.message) };
    return { ok: false, kind: "failed", reason: check.reason, message: check.message };
  }
  // Unlike a passkey, a right code does not clear the failure window: six digits can be
  // guessed, so a lucky guess must not buy the next ten.
  const grant = await createGrant({ holder: { sessionId }, userId, orgId, factor: { method: "totp" }, actionId, requirement, now });
  await audit("succeeded", { grantId: grant.id, level: grant.level, step: check.value.step });
  return { ok: true, grant: { level: grant.level, verifiedAt: grant.verifiedAt, expiresAt: grant.expiresAt } };
}
