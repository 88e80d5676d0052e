// Runs before every request: gives it a request id (kept if a trusted proxy set one) so
// the logs of one request can be found together. Access decisions are NOT made here —
// they belong to the guard, next to the data (see lib/guard).
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
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
