// Runs before every request (but the Stripe webhook's, see the matcher): gives it a request
// id (kept if a trusted proxy set one) so the logs of one request can be found together, and
// the per-request Content-Security-Policy with a fresh script nonce (lib/http/security-headers).
// Access decisions are NOT made here — they belong to the guard, next to the data (see
// lib/guard).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const requestId = request.headers.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();
  // APP_URL is the validated one (instrumentation.ts checks env at boot).
  const appUrl = process.env.APP_URL;
  const csp = contentSecurityPolicy({
    nonce: newNonce(),
    dev: process.env.NODE_ENV === "development",
    https: appUrl?.startsWith("https://") ?? false,
  });
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  // The path, so a layout that sends a signed-out visitor to sign-in can come back here.
  headers.set("x-tiergate-path", request.nextUrl.pathname + request.nextUrl.search);
  // Next reads the nonce from the request's CSP header and stamps it on its own scripts.
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  response.headers.set("content-security-policy", csp);
  const hsts = strictTransportSecurity(appUrl);
  if (hsts) response.headers.set(hsts.key, hsts.value);
  return response;
}

export const config = {
  // Not the Stripe webhook: machine-to-machine, it has no page to return to, its logs are
  // keyed by Stripe's event id, and running the proxy costs ~0.35 ms of CPU per request —
  // a third of what Next spends on a request that does nothing, the largest cost left on
  // the webhook's hot path (bench: webhooks). Its static security headers come from
  // next.config.ts; a CSP means nothing on a JSON answer to Stripe.
  // Nor the health checks: probed every few seconds, no page, nothing to protect with a CSP.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/webhooks|api/health).*)"],
};
