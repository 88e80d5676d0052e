// Runs before every request (but the Stripe webhook's, see the matcher): gives it a request
// id (kept if a trusted proxy set one) so the logs of one request can be found together.
// Access decisions are NOT made here — they belong to the guard, next to the data (see
// lib/guard).
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  const requestId = request.headers.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  // The path, so a layout that sends a signed-out visitor to sign-in can come back here.
  headers.set("x-tiergate-path", request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  // Not the Stripe webhook: machine-to-machine, it has no page to return to, its logs are
  // keyed by Stripe's event id, and running the proxy costs ~0.35 ms of CPU per request —
  // a third of what Next spends on a request that does nothing, the largest cost left on
  // the webhook's hot path (bench: webhooks).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/webhooks).*)"],
};
