// Account → authenticator app → "Remove" (totp.remove, itself a step-up action): the app goes
// with the grants it produced (a TOTP grant stands on that seed, as a passkey grant stands on
// its passkey); the account holder is mailed after commit.
import "server-only";
import { z } from "zod";
import { invalid, ok } from "@/lib/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refuseFromBody, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import type { CurrentSession } from "@/lib/auth/load-session";
import { revokeGrants } from "@/lib/step-up/revoke-grants";
import { notifySecurityEvent } from "@/lib/mail/notify-security-event";

export const ZRemoveTotpSchema = z.object({}).strict();

export async function removeTotp({ ctx, tx, now }: GuardedBodyArgs<z.output<typeof ZRemoveTotpSchema>, SessionContext>) {
  const { count } = await tx.totpFactor.deleteMany({ where: { userId: ctx.userId, confirmedAt: { not: null } } });
  if (count === 0)
    refuseFromBody(invalid({ form: "There is no authenticator app to remove." }, "There is no authenticator app to remove."));
  const actor = { type: "user" as const, userId: ctx.userId, email: ctx.email };
  const revokedGrants = await revokeGrants({ tx, scope: { userId: ctx.userId, method: "totp" }, reason: "totp_removed", actor, now });
  await recordAuditEvent({
    tx,
    orgId: ctx.orgId,
    actor,
    action: "totp.remove",
    decision: "succeeded",
    method: "totp",
    detail: { revokedGrants },
    at: now,
  });
  return { removed: true as const, revokedGrants };
}

/** After commit (never from inside the guard's transaction): the security notice. */
export async function noticeTotpRemoved({ data, session }: { data: Awaited<ReturnType<typeof removeTotp>>; session: CurrentSession }) {
  notifySecurityEvent({ userId: session.user.id, event: { kind: "totp_removed" }, at: new Date() });
  return ok(data);
}
