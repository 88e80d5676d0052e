// POST /api/v1/step-up {action} — an API client asks for a step-up grant (device flow): returns user_code + verification_uri
import { z } from "zod";
import { authenticateApiKey, bearerToken } from "@/lib/api-keys/authenticate-api-key";
import { startApiStepUp } from "@/lib/api-keys/device-flow";
import { readJson, refusalResponse, jsonError } from "@/lib/guard/refusal-response";
import { ZActionIdSchema } from "@/lib/step-up/schemas";
import { getLicense } from "@/lib/licensing/get-license";
import { apiAccessOn, PLANS } from "@/lib/licensing/policy";
import { now as clockNow } from "@/lib/clock";
import { fieldsFromZod } from "@/lib/action-result";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const dynamic = "force-dynamic";
const Body = z.object({ action: ZActionIdSchema });

export const POST = unguardedRoute("apiStepUp.start", async (req: Request) => {
  const json = await readJson(req);
  if (!json.ok) return json.response;
  const token = bearerToken(req);
  if (token === null)
    return jsonError(
      400,
      "This endpoint is for API clients (Authorization: Bearer <key>). In the browser, the app asks for your passkey itself.",
    );
  const ctx = await authenticateApiKey({ token });
  if (!ctx) return refusalResponse({ kind: "unauthenticated", message: "This API key is not valid or was revoked." }, "api_key");
  const parsed = Body.safeParse(json.value);
  if (!parsed.success)
    return jsonError(400, 'Name the action you need a grant for, e.g. {"action":"exports.csv"}.', {
      fields: fieldsFromZod(parsed.error.issues),
    });
  const now = await clockNow();
  const license = await getLicense({ orgId: ctx.orgId, now });
  const apiAccess = apiAccessOn(license.plan);
  if (!apiAccess.ok) {
    const plan = apiAccess.plan;
    return refusalResponse({ kind: "plan_required", plan, message: `API access is available on the ${PLANS[plan].name} plan.` }, "api_key");
  }
  return Response.json(await startApiStepUp({ apiKeyId: ctx.apiKeyId, actionId: parsed.data.action, now }), {
    status: 201,
    headers: { "cache-control": "no-store" },
  });
});
