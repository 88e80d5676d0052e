// POST /api/sso/required {email} — does this email's domain require SSO sign-in? (the password form asks first)
import { jsonError, readJson } from "@/lib/guard/refusal-response";
import { unguardedRoute } from "@/lib/guard/unguarded-route";
import { ssoRequiredForEmail } from "@/lib/sso/sso-required-for-email";

export const dynamic = "force-dynamic";

export const POST = unguardedRoute("sso.required", async (req: Request) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const outcome = await ssoRequiredForEmail({ input: body.value });
  if (!outcome.ok) return jsonError(400, outcome.message);
  return Response.json({ required: outcome.required, orgName: outcome.orgName }, { headers: { "cache-control": "no-store" } });
});
