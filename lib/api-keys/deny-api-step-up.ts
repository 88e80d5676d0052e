// The session action "deny an API client's device-flow request" (app/(app)/step-up/approve/
// actions.ts). Who may answer a request is decided in lib/api-keys/approval-request.ts; an
// unknown, expired or foreign code gets the same answer as a malformed one.
import "server-only";
import { ok, refuse, invalid, type ActionResult } from "@/lib/action-result";
import { denyApprovalByCode, throttledMessage } from "@/lib/api-keys/lookup-approval";
import { APPROVAL_UNAVAILABLE_MESSAGE } from "@/lib/api-keys/approval-request";
import { ZUserCodeSchema } from "@/lib/step-up/schemas";
import type { SessionBodyArgs } from "@/lib/guard/session-action";

const unavailable = () => refuse(invalid({ code: APPROVAL_UNAVAILABLE_MESSAGE }, APPROVAL_UNAVAILABLE_MESSAGE));

export async function denyApiStepUp({ input, ctx, ip, now }: SessionBodyArgs): Promise<ActionResult<{ denied: true }>> {
  const userCode = ZUserCodeSchema.safeParse(String(input));
  if (!userCode.success) return unavailable();
  const approver = { userId: ctx.userId, sessionId: ctx.sid, ip };
  const result = await denyApprovalByCode({ userCode: userCode.data, approver, email: ctx.email, now });
  if (result.kind === "denied") return ok({ denied: true });
  if (result.kind === "throttled")
    return refuse({ kind: "locked", retryAfter: result.retryAfter, message: throttledMessage(result.retryAfter) });
  return unavailable();
}
