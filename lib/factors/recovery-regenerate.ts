// Account → recovery codes → "Regenerate" (`recoveryCodes.regenerate`, a strict step-up on
// every plan): a new set replaces the old, returned once. Declared with afterCommit (the
// notice mail), so the idempotency record never holds the codes and a replay is refused.
import "server-only";
import { z } from "zod";
import { ok } from "@/lib/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import type { CurrentSession } from "@/lib/auth/load-session";
import { notifySecurityEvent } from "@/lib/mail/notify-security-event";
import { issueRecoveryCodes } from "@/lib/factors/recovery-codes";

export const ZRegenerateRecoveryCodesSchema = z.object({}).strict();

export async function regenerateRecoveryCodes({
  ctx,
  tx,
  now,
}: GuardedBodyArgs<z.output<typeof ZRegenerateRecoveryCodesSchema>, SessionContext>): Promise<{ codes: string[]; generatedAt: string }> {
  const codes = await issueRecoveryCodes({ tx, userId: ctx.userId, now });
  await recordAuditEvent({
    tx,
    orgId: ctx.orgId,
    actor: { type: "user", userId: ctx.userId },
    action: "recovery_code.regenerate",
    decision: "created",
    method: "recovery_code",
    detail: { count: codes.length },
    at: now,
  });
  return { codes, generatedAt: now.toISOString() };
}

/** After commit: the notice, and the codes (the action's answer, shown once). */
export async function noticeRecoveryCodesRegenerated({
  data,
  session,
}: {
  data: Awaited<ReturnType<typeof regenerateRecoveryCodes>>;
  session: CurrentSession;
}) {
  notifySecurityEvent({ userId: session.user.id, event: { kind: "recovery_codes_regenerated" }, at: new Date(data.generatedAt) });
  return ok(data);
}
