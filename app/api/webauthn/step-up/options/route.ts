// POST /api/webauthn/step-up/options {actionId?, anyDevice?} | {approveCode} — assertion options for a step-up (or an API client's approval)
import { z } from "zod";
import { ceremonyRequest, withSession } from "@/lib/step-up/ceremony-request";
import { startStepUp } from "@/lib/step-up/start-step-up";
import { lookupApprovalRequest, throttledMessage } from "@/lib/api-keys/lookup-approval";
import { APPROVAL_UNAVAILABLE_MESSAGE } from "@/lib/api-keys/approval-request";
import { jsonError, refusalResponse } from "@/lib/guard/refusal-response";
import { ZActionIdSchema, ZUserCodeSchema } from "@/lib/step-up/schemas";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const dynamic = "force-dynamic";
const Body = z.union([
  z.object({ approveCode: ZUserCodeSchema }).strict(),
  z.object({ actionId: ZActionIdSchema.nullish(), anyDevice: z.boolean().optional() }).strict(),
]);

export const POST = unguardedRoute("webauthn.stepUp.options", async (req: Request) => {
  const parsed = await ceremonyRequest(req, Body);
  if (!parsed.ok) return parsed.response;
  const { session, input, now, ip } = withSession(parsed.value);

  let actionId = "actionId" in input ? (input.actionId ?? null) : null;
  let apiStepUpRequestId: string | null = null;
  if ("approveCode" in input) {
    const found = await lookupApprovalRequest({
      userCode: input.approveCode,
      approver: { userId: session.user.id, sessionId: session.sid, ip },
      now,
    });
    if (found.kind === "throttled")
      return refusalResponse({ kind: "locked", retryAfter: found.retryAfter, message: throttledMessage(found.retryAfter) }, "session");
    if (found.kind !== "found") return jsonError(404, APPROVAL_UNAVAILABLE_MESSAGE);
    actionId = found.request.actionId;
    apiStepUpRequestId = found.request.id;
  }
  const anyDevice = "anyDevice" in input && input.anyDevice === true;
  const result = await startStepUp({ userId: session.user.id, sessionId: session.sid, actionId, apiStepUpRequestId, anyDevice, now });
  if (result.kind === "locked")
    return refusalResponse({ kind: "locked", retryAfter: result.retryAfter, message: result.message }, "session");
  if (result.kind === "enrol") return Response.json({ enrol: true });
  return Response.json({ options: result.options });
});
