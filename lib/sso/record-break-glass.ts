// An owner acting in a require-SSO org without its IdP (break-glass): recorded once per
// session per org, by the first guarded call the guard allows that way (run-guarded.ts), in
// that call's transaction. The row is what keeps it once: the guard reads it with its other
// facts, so later calls write nothing; a refused call rolls it back with everything else.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionContext } from "@/lib/guard/context";

export async function recordBreakGlass({
  tx,
  ctx,
  actionId,
  ip,
  at,
}: {
  tx: Tx;
  ctx: SessionContext;
  actionId: string;
  ip: string | null;
  at: Date;
}): Promise<void> {
  // skipDuplicates: a concurrent first call of the same session records it, this one does not.
  const { count } = await tx.ssoBreakGlass.createMany({
    data: [{ sessionId: ctx.sid, orgId: ctx.orgId, createdAt: at }],
    skipDuplicates: true,
  });
  if (count === 0) return;
  await recordAuditEvent({
    tx,
    orgId: ctx.orgId,
    actor: { type: "user", userId: ctx.userId, email: ctx.email },
    action: "sso.break_glass",
    decision: "allowed",
    detail: { sessionId: ctx.sid, firstAction: actionId, reason: "owner acted without the organisation's SSO" },
    ip,
    at,
  });
}
