// POST /api/webauthn/register/options {password?} — registration options: the password enrols a first passkey; another needs a fresh step-up (passkeys.add)
import { z } from "zod";
import { ceremonyRequest, withSession } from "@/lib/step-up/ceremony-request";
import { startPasskeyRegistration } from "@/lib/step-up/register-passkey";
import { jsonError, refusalResponse } from "@/lib/guard/refusal-response";
import { ZPasswordSchema } from "@/lib/auth/schemas";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const dynamic = "force-dynamic";
// The password is optional here: the domain function decides whether it is the proof (first
// passkey) or not asked at all (another passkey: step-up).
const Body = z.object({ password: ZPasswordSchema.optional() });

export const POST = unguardedRoute("webauthn.register.options", async (req: Request) => {
  const parsed = await ceremonyRequest(req, Body);
  if (!parsed.ok) return parsed.response;
  const { session, input, now, ip } = withSession(parsed.value);
  const result = await startPasskeyRegistration({
    userId: session.user.id,
    sessionId: session.sid,
    orgId: session.org.id,
    password: input.password,
    now,
    ip,
  });
  if (result.ok) return Response.json({ options: result.options });
  // Throttled or locked → 429 + Retry-After; step_up_required → the standard 403 browsers get.
  if (result.kind === "locked")
    return refusalResponse({ kind: "locked", retryAfter: result.retryAfter, message: result.message }, "session");
  if (result.kind === "refused") return refusalResponse(result.refusal, "session");
  return jsonError(400, result.message, { fields: { password: result.message } });
});
