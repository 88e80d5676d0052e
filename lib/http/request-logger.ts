// A child logger carrying the current request's id (set by proxy.ts).
import "server-only";
import { headers } from "next/headers";
import { logger } from "@/lib/log";

export async function requestLogger(bindings: Record<string, unknown> = {}) {
  const h = await headers();
  return logger.child({ requestId: h.get("x-request-id") ?? undefined, ...bindings });
}

/** Same, for route handlers that have the Request at hand. */
export function loggerFor(request: Request, bindings: Record<string, unknown> = {}) {
  return logger.child({ requestId: request.headers.get("x-request-id") ?? undefined, ...bindings });
}
