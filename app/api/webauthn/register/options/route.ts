// POST /api/webauthn/register/options {password} — re-check the password, then registration options (challenge bound to user+session)
import { z } from "zod";
import { ceremonyRequest, withSession } from "@/lib/step-up/ceremony-request";
import { startPasskeyRegistration } from "@/lib/step-up/register-passkey";
import { jsonError } from "@/lib/guard/refusal-response";
import { ZPasswordSchema } from "@/lib/auth/schemas";

export const dynamic = "force-dynamic";
const Body = z.object({ password: ZPasswordSchema });

export async function POST(req: Request) {
  const parsed = await ceremonyRequest(req, Body);
  if (!parsed.ok) return parsed.response;
  const { session, input, now, ip } = withSession(parsed.value);
  const result = await startPasskeyRegistration({ userId: session.user.id, sessionId: session.sid, orgId: session.org.id, password: input.password, now, ip });
  if (result.ok) return Response.json({ options: result.options });
  if (result.kind === "locked") return jsonError(429, result.message, { error: "locked", retry_after: result.retryAfter });
  return jsonError(400, result.message, { fields: { password: result.message } });
}
