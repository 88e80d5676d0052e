// Refusals as HTTP. An API client (Bearer key) without a fresh enough grant gets RFC 9470's
// 401 with `WWW-Authenticate: Bearer error="insufficient_user_authentication"`; a browser
// (session cookie) gets 403 with the same fields in JSON, since a 401 would make it look
// signed out. Both say which methods a new check may use (`methods`, a tiergate parameter) and
// the strengths that suffice as `acr_values` (the strength names are the acr vocabulary an
// Enterprise IdP is mapped onto, lib/sso/sso-schemas.ts).
import "server-only";
import type { Refusal } from "@/lib/action-result";
import { FACTOR_STRENGTHS, strengthAtLeast } from "@/lib/licensing/factors";
import { readCappedText } from "@/lib/http/read-capped-body";

export type Caller = "api_key" | "session" | "anonymous";

const quote = (s: string) => s.replace(/["\\]/g, "");

export function refusalResponse(refusal: Refusal, caller: Caller, extra: Record<string, unknown> = {}): Response {
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" });
  let status: number;
  let body: Record<string, unknown> = { error: refusal.kind, error_description: refusal.message, refusal };
  switch (refusal.kind) {
    case "step_up_required": {
      // An SSO org's API challenge names its IdP's acr values (guard-route.ts, lib/sso/sso-challenge-acr.ts).
      const acrValues =
        typeof extra.acr_values === "string"
          ? extra.acr_values
          : FACTOR_STRENGTHS.filter((s) => strengthAtLeast(s, refusal.minStrength)).join(" ");
      const methods = refusal.methods.join(" ");
      body = { ...body, error: "insufficient_user_authentication", max_age: refusal.maxAge, acr_values: acrValues, methods, ...extra };
      if (caller === "api_key") {
        status = 401;
        headers.set(
          "WWW-Authenticate",
          `Bearer error="insufficient_user_authentication", error_description="${quote(refusal.message)}", max_age=${refusal.maxAge}, acr_values="${acrValues}", methods="${methods}"`,
        );
      } else {
        status = 403;
      }
      break;
    }
    case "unauthenticated":
      status = 401;
      headers.set(
        "WWW-Authenticate",
        caller === "api_key" ? `Bearer error="invalid_token", error_description="${quote(refusal.message)}"` : "Bearer",
      );
      break;
    case "forbidden":
      status = 403;
      break;
    case "sso_required":
      // 403, not 401: the browser is signed in, and must sign in again another way.
      status = 403;
      body = { ...body, start_url: refusal.startUrl };
      break;
    case "plan_required":
      status = 403;
      body = { ...body, plan: refusal.plan };
      break;
    case "locked":
      status = 429;
      headers.set("Retry-After", String(refusal.retryAfter));
      body = { ...body, retry_after: refusal.retryAfter };
      break;
    case "invalid":
      status = 400;
      body = { ...body, fields: refusal.fields };
      break;
    default:
      status = 500;
  }
  return new Response(JSON.stringify(body), { status, headers });
}

export function jsonError(status: number, message: string, extra: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ error: status === 400 ? "invalid_request" : "error", error_description: message, ...extra }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

/** Reads a JSON body; malformed JSON is a clear 400, never a 500. */
export async function readJson(req: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  // Capped while streaming: the body is never buffered past 64 KB.
  const body = await readCappedText(req, { limitBytes: 64 * 1024 });
  if (!body.ok) return { ok: false, response: jsonError(413, "The request body is too large.") };
  const text = body.text;
  try {
    return { ok: true, value: text.length ? JSON.parse(text) : {} };
  } catch {
    return { ok: false, response: jsonError(400, "The request body is not valid JSON.") };
  }
}
