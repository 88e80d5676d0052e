// The client for protected route handlers (`/api/v1/*` and any other route of a policy action):
//
//   export const GET = guardRoute("exports.csv", {
//     schema: ZQuery, body: async ({ input, ctx, tx }) => …, respond: (data) => new Response(…),
//   });
//
// Callers are either an API client (`Authorization: Bearer tg_…`) or a browser (session
// cookie). Input is the query string for GET/HEAD and the JSON body otherwise (malformed
// JSON → 400). An `Idempotency-Key` header makes a retried POST run its body at most once
// and answer with the stored result; `respond` turns a result into a response and must do
// no work of its own for such routes (a replay would repeat it). Reads (GET/HEAD) take no
// key at all — a read is answered fresh, through the whole guard, every time — so `respond`
// may stream there.
import "server-only";
import { z } from "zod";
import { getCurrentSession } from "@/lib/auth/current-session";
import { authenticateApiKey, bearerToken } from "@/lib/api-keys/authenticate-api-key";
import { invalid, type Refusal } from "@/lib/action-result";
import { ssoChallengeAcrValues } from "@/lib/sso/sso-challenge-acr";
import type { ActionId } from "@/lib/licensing/policy";
import { declarationSite, registerEntryPoint } from "@/lib/guard/registry";
import { runGuarded, type GuardedBody } from "@/lib/guard/run-guarded";
import { readJson, refusalResponse, type Caller } from "@/lib/guard/refusal-response";
import { errorResponse } from "@/lib/guard/errors";
import { sessionContext, type GuardContext } from "@/lib/guard/context";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** Who is calling: a valid API key, a session, nobody — or a bad key (answered 401 at once). */
export async function resolveCaller(req: Request): Promise<{ ctx: GuardContext | null; caller: Caller } | { response: Response }> {
  const token = bearerToken(req);
  if (token !== null) {
    const ctx = await authenticateApiKey({ token });
    if (!ctx) {
      return {
        response: refusalResponse({ kind: "unauthenticated", message: "This API key is not valid or was revoked." }, "api_key"),
      };
    }
    return { ctx, caller: "api_key" };
  }
  const session = await getCurrentSession();
  if (!session) return { ctx: null, caller: "anonymous" };
  return {
    ctx: sessionContext(session),
    caller: "session",
  };
}

export function guardRoute<S extends z.ZodType, T>(
  actionId: ActionId,
  {
    schema,
    body,
    respond,
    input,
  }: {
    schema: S;
    body: GuardedBody<z.output<S>, T>;
    respond: (data: T, req: Request) => Response | Promise<Response>;
    /** Override how input is read (e.g. from route params). */
    input?: (req: Request, params: Record<string, string | string[] | undefined>) => Promise<unknown> | unknown;
  },
) {
  registerEntryPoint({
    actionId,
    kind: "route",
    bodyName: body.name,
    site: declarationSite(),
    invoke: ({ ctx, input: raw, now }) => runGuarded({ actionId, ctx, schema, rawInput: raw, body, now }),
  });

  return async (req: Request, routeCtx?: RouteContext): Promise<Response> => {
    try {
      const who = await resolveCaller(req);
      if ("response" in who) return who.response;

      const isRead = req.method === "GET" || req.method === "HEAD";
      const idempotencyKey = req.headers.get("idempotency-key");
      if (isRead && idempotencyKey !== null) {
        return refusalResponse(invalid({ idempotencyKey: "Reads take no Idempotency-Key: send the request without it." }), who.caller);
      }

      let rawInput: unknown;
      if (input) {
        rawInput = await input(req, (await routeCtx?.params) ?? {});
      } else if (isRead) {
        rawInput = Object.fromEntries(new URL(req.url).searchParams);
      } else {
        const json = await readJson(req);
        if (!json.ok) return json.response;
        rawInput = json.value;
      }

      const result = await runGuarded({
        actionId,
        ctx: who.ctx,
        schema,
        rawInput,
        body,
        idempotencyKey,
      });
      if (!result.ok) return refusalResponse(result.error, who.caller, await stepUpHint(who.caller, result.error, who.ctx));
      return await respond(result.data, req);
    } catch (err) {
      return errorResponse(err, req, actionId);
    }
  };
}

async function stepUpHint(caller: Caller, refusal: Refusal, ctx: GuardContext | null): Promise<Record<string, unknown>> {
  if (caller !== "api_key") return {};
  const hint = { step_up: { start: "/api/v1/step-up", method: "POST" } };
  if (refusal.kind !== "step_up_required" || !ctx) return hint;
  // RFC 9470: an SSO org's challenge carries its IdP's acr values where the rule maps to one.
  const acrValues = await ssoChallengeAcrValues({ orgId: ctx.orgId, minStrength: refusal.minStrength });
  return acrValues ? { ...hint, acr_values: acrValues } : hint;
}
