// Removes the org's connection: its domains, identity links and pending attempts go with it
// (ON DELETE CASCADE); sessions opened through it stay, no longer SSO sessions (SET NULL).
import "server-only";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export async function removeSsoConnection({
  ctx,
  tx,
  now,
}: GuardedBodyArgs<Record<string, never>, SessionContext>): Promise<{ removed: boolean }> {
  const { count } = await tx.ssoConnection.deleteMany({ where: { orgId: ctx.orgId } });
  if (count) {
    await recordAuditEvent({
      tx,
      orgId: ctx.orgId,
      actor: { type: "user", userId: ctx.userId, email: ctx.email },
      action: "sso.remove",
      decision: "applied",
      at: now,
    });
  }
  return { removed: count > 0 };
}
