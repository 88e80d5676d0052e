// POST /api/webauthn/step-up/verify {response} — verify the assertion; mint a grant bound to this session and org
import { z } from "zod";
import { ceremonyRequest, withSession } from "@/lib/step-up/ceremony-request";
import { completeStepUp } from "@/lib/step-up/complete-step-up";
import { jsonError, refusalResponse } from "@/lib/guard/refusal-response";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const dynamic = "force-dynamic";
const Body = z.object({ response: z.unknown() });

export const POST = unguardedRoute("webauthn.stepUp.verify", async (req: Request) => {
  const parsed = await ceremonyRequest(req, Body);
  if (!parsed.ok) return parsed.response;
  const { session, input, now, ip } = withSession(parsed.value);
  const result = await completeStepUp({
    userId: session.user.id,
    email: session.user.email,
    sessionId: session.sid,
    orgId: session.org.id,
    response: input.response,
    now,
    ip,
  });
  if (result.ok) {
    return Response.json({
      grant: {
        level: result.grant.level,
        verifiedAt: result.grant.verifiedAt.toISOString(),
        expiresAt: result.grant.expiresAt.toISOString(),
      },
    });
  }
  if (result.kind === "locked")
    return refusalResponse({ kind: "locked", retryAfter: result.retryAfter, message: result.message }, "session");
  return jsonError(400, result.message, { error: "step_up_failed" });
});
