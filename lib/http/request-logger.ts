// A child logger carrying the current request's id (set by proxy.ts). The clients' shared
// error path (lib/guard/errors.ts) logs through it, so every failure line names its request.
import "server-only";
import { headers } from "next/headers";
import { logger } from "@/lib/log";

/** For server actions and server components (the request's headers via next/headers). */
export async function requestLogger(bindings: Record<string, unknown> = {}) {
  let requestId: string | undefined;
  try {
    requestId = (await headers()).get("x-request-id") ?? undefined;
  } catch {
    // Called outside a request (tests invoking a body directly): no id to carry.
  }
  return logger.child({ requestId, ...bindings });
}

/** Same, for route handlers that have the Request at hand. */
export function loggerFor(request: Request, bindings: Record<string, unknown> = {}) {
  return logger.child({ requestId: request.headers.get("x-request-id") ?? undefined, ...bindings });
}
