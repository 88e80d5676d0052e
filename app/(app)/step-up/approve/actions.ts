"use server";
// Deny an API client's device-flow request: a session-level action, not a policy one (the
// rule for who may answer a request lives in lib/api-keys/approval-request.ts).
import { headers } from "next/headers";
import { getCurrentSession } from "@/lib/auth/current-session";
import { withServerErrors } from "@/lib/actions/handle-server-error";
import { ok, refuse, invalid, type ActionResult } from "@/lib/action-result";
import { denyApprovalByCode, throttledMessage } from "@/lib/api-keys/lookup-approval";
import { APPROVAL_UNAVAILABLE_MESSAGE } from "@/lib/api-keys/approval-request";
import { ZUserCodeSchema } from "@/lib/step-up/schemas";
import { clientIp } from "@/lib/http/client-ip";
import { now } from "@/lib/clock";

export async function denyApiStepUpAction(code: string): Promise<ActionResult<{ denied: true }>> {
  return withServerErrors("apiStepUp.deny", async () => {
    const session = await getCurrentSession();
    if (!session) return refuse({ kind: "unauthenticated", message: "Please sign in to answer this request." });
    const userCode = ZUserCodeSchema.safeParse(String(code));
    if (!userCode.success) return refuse(invalid({ code: APPROVAL_UNAVAILABLE_MESSAGE }, APPROVAL_UNAVAILABLE_MESSAGE));
    const h = await headers();
    const approver = { userId: session.user.id, sessionId: session.sid, ip: clientIp((name) => h.get(name)) };
    const result = await denyApprovalByCode({ userCode: userCode.data, approver, email: session.user.email, now: await now() });
    if (result.kind === "denied") return ok({ denied: true });
    if (result.kind === "throttled")
      return refuse({ kind: "locked", retryAfter: result.retryAfter, message: throttledMessage(result.retryAfter) });
    return refuse(invalid({ code: APPROVAL_UNAVAILABLE_MESSAGE }, APPROVAL_UNAVAILABLE_MESSAGE));
  });
}
