// POST /api/webauthn/register/verify {response, name?} — verify the attestation, store the passkey (named from its AAGUID or the browser when no name is given), answer a first factor's recovery codes once
import { z } from "zod";
import { ceremonyRequest, withSession } from "@/lib/step-up/ceremony-request";
import { finishPasskeyRegistration } from "@/lib/step-up/register-passkey";
import { jsonError } from "@/lib/guard/refusal-response";
import { ZPasskeyNameSchema } from "@/lib/step-up/schemas";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const dynamic = "force-dynamic";
// The response itself is validated in the domain function (and its failure audited).
const Body = z.object({ response: z.unknown(), name: ZPasskeyNameSchema.optional() });

export const POST = unguardedRoute("webauthn.register.verify", async (req: Request) => {
  const parsed = await ceremonyRequest(req, Body);
  if (!parsed.ok) return parsed.response;
  const { session, input, now, ip } = withSession(parsed.value);
  const result = await finishPasskeyRegistration({
    userId: session.user.id,
    sessionId: session.sid,
    orgId: session.org.id,
    response: input.response,
    name: input.name ?? null,
    userAgent: req.headers.get("user-agent") ?? "",
    now,
    ip,
  });
  // The codes exist in clear only in this answer: never cached.
  if (result.ok)
    return Response.json({ passkey: result.passkey, recoveryCodes: result.recoveryCodes }, { headers: { "cache-control": "no-store" } });
  return jsonError(400, result.message, { error: "registration_failed" });
});
