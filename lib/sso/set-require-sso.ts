// The "Require SSO for members" switch (sso.require: owners, strict step-up, on a plan with
// `sso`). Turning it on makes the guard refuse, in this org, every session of a member that
// did not come through the org's connection; owners keep password and passkey (break-glass).
// The switch lives on the connection: without one there is nothing to require.
import "server-only";
import { z } from "zod";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import { refuseFromBody } from "@/lib/guard/run-guarded";
import { invalid } from "@/lib/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export const ZSetRequireSsoSchema = z.object({ requireSso: z.boolean({ error: "Choose on or off." }) }).strict();

export async function setRequireSso({
  input,
  ctx,
  tx,
  now,
}: GuardedBodyArgs<z.output<typeof ZSetRequireSsoSchema>, SessionContext>): Promise<{ requireSso: boolean }> {
  const before = await tx.ssoConnection.findUnique({ where: { orgId: ctx.orgId }, select: { requireSso: true } });
  if (!before) refuseFromBody(invalid({ requireSso: "Set up and save a connection first: SSO can only be required through one." }));
  if (before.requireSso === input.requireSso) return { requireSso: input.requireSso };
  await tx.ssoConnection.update({ where: { orgId: ctx.orgId }, data: { requireSso: input.requireSso } });
  await recordAuditEvent({
    tx,
    orgId: ctx.orgId,
    actor: { type: "user", userId: ctx.userId, email: ctx.email },
    action: input.requireSso ? "sso.require_on" : "sso.require_off",
    decision: "applied",
    detail: { requireSso: input.requireSso },
    at: now,
  });
  return { requireSso: input.requireSso };
}
