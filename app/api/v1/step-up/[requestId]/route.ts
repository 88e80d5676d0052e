// GET /api/v1/step-up/:requestId — status of this API key's device-flow request (pending | approved | denied | expired)
import { z } from "zod";
import { authenticateApiKey, bearerToken } from "@/lib/api-keys/authenticate-api-key";
import { getApiStepUpStatus } from "@/lib/api-keys/device-flow";
import { refusalResponse, jsonError } from "@/lib/guard/refusal-response";
import { now as clockNow } from "@/lib/clock";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const dynamic = "force-dynamic";

export const GET = unguardedRoute("apiStepUp.status", async (req: Request, { params }: { params: Promise<{ requestId: string }> }) => {
  const ctx = await authenticateApiKey({ token: bearerToken(req) ?? "" });
  if (!ctx) return refusalResponse({ kind: "unauthenticated", message: "Send a valid API key (Authorization: Bearer <key>)." }, "api_key");
  const requestId = z.uuid().safeParse((await params).requestId);
  if (!requestId.success) return jsonError(404, "No such step-up request for this key.");
  const status = await getApiStepUpStatus({ apiKeyId: ctx.apiKeyId, requestId: requestId.data, now: await clockNow() });
  if (!status) return jsonError(404, "No such step-up request for this key.");
  return Response.json(status, { headers: { "cache-control": "no-store" } });
});
