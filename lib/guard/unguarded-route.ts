// The client for route handlers that are not policy actions: the WebAuthn ceremonies, health,
// the license event stream, the Stripe webhook, the test clock, export downloads (the ticket
// is the capability, its redemption re-checks the policy) and the API step-up device flow.
//
//   export const POST = unguardedRoute("webauthn.stepUp.verify", async (req) => { … return Response.json(…); });
//
// What it adds is the shared path every route has (guardRoute too): an unexpected error is
// logged with the request id and answered 500 with a reference id, or 503 + Retry-After when
// the database is unavailable (lib/guard/errors.ts). A handler answers a refusal (a locked
// ceremony, a bad key) with refusalResponse (lib/guard/refusal-response.ts), the one
// refusal → HTTP mapping, never with a hand-built status. next-auth's catch-all is the one
// route outside this family: next-auth owns its request handling and responses.
import "server-only";
import { errorResponse } from "@/lib/guard/errors";

type RouteContext<P> = { params: Promise<P> };

export function unguardedRoute<P = Record<string, string | string[] | undefined>>(
  name: string,
  handler: (req: Request, ctx: RouteContext<P>) => Response | Promise<Response>,
): (req: Request, ctx?: RouteContext<P>) => Promise<Response> {
  return async (req, ctx) => {
    try {
      // Next always passes the context; a direct call (tests) may not.
      return await handler(req, ctx ?? { params: Promise.resolve({} as P) });
    } catch (err) {
      return errorResponse(err, req, name);
    }
  };
}
