// GET /api/sso/step-up?actionId — may the modal offer the IdP; POST /api/sso/step-up {actionId} — start a step-up at the IdP, bind it to this browser, answer its URL
// unguardedRoute, like the passkey and TOTP ceremonies: the step-up ceremony is what the
// guard's step-up layer waits for, not a policy action of its own, and the start must set the
// binding cookie on /api/sso (a route's response can; a server action's cannot scope it there).
import { getCurrentSession } from "@/lib/auth/current-session";
import { now as clockNow } from "@/lib/clock";
import { jsonError } from "@/lib/guard/refusal-response";
import { unguardedRoute } from "@/lib/guard/unguarded-route";
import { bindingCookie } from "@/lib/sso/binding-cookie";
import { startSsoStepUp, ZSsoStepUpSchema } from "@/lib/sso/start-sso-step-up";
import { viewSsoStepUpOffer } from "@/lib/sso/sso-step-up-offer";
import { ceremonyRequest, withSession } from "@/lib/step-up/ceremony-request";

export const dynamic = "force-dynamic";

const noStore = { "content-type": "application/json", "cache-control": "no-store" };

export const GET = unguardedRoute("sso.stepUp.offer", async (req: Request) => {
  const parsed = ZSsoStepUpSchema.safeParse({ actionId: new URL(req.url).searchParams.get("actionId") });
  if (!parsed.success) return jsonError(400, "Name the action to step up for.");
  const session = await getCurrentSession();
  if (!session) return jsonError(401, "Please sign in to continue.");
  const offer = await viewSsoStepUpOffer({ session, actionId: parsed.data.actionId, now: await clockNow() });
  return new Response(JSON.stringify(offer), { headers: noStore });
});

export const POST = unguardedRoute("sso.stepUp.start", async (req: Request) => {
  // JSON only: a cross-site form cannot start a trip in someone else's browser without CORS.
  if (!req.headers.get("content-type")?.startsWith("application/json")) return jsonError(415, "Send JSON.");
  const parsed = await ceremonyRequest(req, ZSsoStepUpSchema);
  if (!parsed.ok) return parsed.response;
  const { session, input, now, ip } = withSession(parsed.value);
  const outcome = await startSsoStepUp({ session, input, now, ip });
  if (!outcome.ok)
    return jsonError(outcome.code === "invalid" ? 400 : outcome.code === "idp_unavailable" ? 502 : 403, outcome.message, {
      error: outcome.code,
    });
  return new Response(JSON.stringify({ url: outcome.url }), { headers: { ...noStore, "set-cookie": bindingCookie(outcome.binding) } });
});
