// POST /api/step-up/totp {code, actionId} — check an authenticator-app code; mint a TOTP grant bound to this session and org
import { ceremonyRequest, withSession } from "@/lib/step-up/ceremony-request";
import { stepUpWithTotp, ZTotpStepUpSchema } from "@/lib/step-up/totp-step-up";
import { jsonError, refusalResponse } from "@/lib/guard/refusal-response";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const dynamic = "force-dynamic";

export const POST = unguardedRoute("totp.stepUp.verify", async (req: Request) => {
  const parsed = await ceremonyRequest(req, ZTotpStepUpSchema);
  if (!parsed.ok) return parsed.response;
  const { session, input, now, ip } = withSession(parsed.value);
  const result = await stepUpWithTotp({
    userId: session.user.id,
    email: session.user.email,
    sessionId: session.sid,
    orgId: session.org.id,
    code: input.code,
    actionId: input.actionId,
    now,
    ip,
  });
  if (result.ok) {
    const { level, verifiedAt, expiresAt } = result.grant;
    return Response.json({ grant: { level, verifiedAt: verifiedAt.toISOString(), expiresAt: expiresAt.toISOString() } });
  }
  if (result.kind === "locked")
    return refusalResponse({ kind: "locked", retryAfter: result.retryAfter, message: result.message }, "session");
  if (result.kind === "method_not_accepted") return jsonError(403, result.message, { error: "method_not_accepted" });
  return jsonError(400, result.message, { error: "step_up_failed", reason: result.reason });
});
