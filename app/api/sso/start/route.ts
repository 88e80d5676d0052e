// POST /api/sso/start {email, callbackUrl?} — find the email domain's IdP, bind the trip to this browser, answer its URL
import { readJson, jsonError } from "@/lib/guard/refusal-response";
import { unguardedRoute } from "@/lib/guard/unguarded-route";
import { startSsoSignIn } from "@/lib/sso/start-sso-sign-in";
import { bindingCookie } from "@/lib/sso/binding-cookie";

export const dynamic = "force-dynamic";

export const POST = unguardedRoute("sso.start", async (req: Request) => {
  // JSON only: a cross-site form cannot start a trip in someone else's browser without CORS.
  if (!req.headers.get("content-type")?.startsWith("application/json")) return jsonError(415, "Send JSON.");
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const outcome = await startSsoSignIn({ input: body.value });
  if (!outcome.ok)
    return jsonError(outcome.reason === "invalid" ? 400 : outcome.reason === "idp_unavailable" ? 502 : 404, outcome.message, {
      reason: outcome.reason,
    });
  return new Response(JSON.stringify({ url: outcome.url }), {
    headers: { "content-type": "application/json", "cache-control": "no-store", "set-cookie": bindingCookie(outcome.binding) },
  });
});
