// The one path for unexpected errors, shared by the five clients (session-action.ts,
// guarded-action.ts, guarded-read.ts, guard-route.ts, unguarded-route.ts). Expected refusals
// never come here (they are values). Everything else is logged once with the request id and
// answered with a human message: a busy, frozen or unreachable database (lib/db/unavailable.ts)
// says so, so the person knows a retry may work (503 + Retry-After for routes); anything else
// is a 500 carrying a short reference id that is also in the log line.
import "server-only";
import crypto from "node:crypto";
import { isDatabaseUnavailable, unavailableResponse, UNAVAILABLE_MESSAGE } from "@/lib/db/unavailable";
import { requestLogger, loggerFor } from "@/lib/http/request-logger";
import { jsonError } from "@/lib/guard/refusal-response";
import type { Logger } from "@/lib/log";
import type { Refusal } from "@/lib/action-result";

/** Which client caught it: the log event is `<entry>.failed` / `<entry>.db_unavailable`. */
export type EntryKind = "action" | "read" | "route";

/**
 * Next's own signals are thrown errors with a digest: redirect()/notFound() (NEXT_…) and the
 * bail-out a build's prerender throws when a page reads cookies (DYNAMIC_SERVER_USAGE,
 * BAILOUT_TO_CLIENT_SIDE_RENDERING). Never ours to answer: they go back to Next. (Checked
 * by digest, not with next/navigation's unstable_rethrow: this module also loads in the
 * production server outside Next's bundling, where that import pulls in client React.)
 */
export function isNextControlFlow(err: unknown): boolean {
  if (!err || typeof err !== "object" || !("digest" in err)) return false;
  const digest = String((err as { digest: unknown }).digest);
  return digest.startsWith("NEXT_") || digest === "DYNAMIC_SERVER_USAGE" || digest === "BAILOUT_TO_CLIENT_SIDE_RENDERING";
}

type Classified = { unavailable: true } | { unavailable: false; errorId: string };

function classify(err: unknown, log: Logger, entry: EntryKind, name: string): Classified {
  if (isDatabaseUnavailable(err)) {
    log.warn({ event: `${entry}.db_unavailable`, name, err }, `${entry} ${name}: database unavailable`);
    return { unavailable: true };
  }
  const errorId = crypto.randomUUID().slice(0, 8);
  log.error({ event: `${entry}.failed`, name, errorId, err }, `${entry} ${name} failed`);
  return { unavailable: false, errorId };
}

export const failedMessage = (errorId: string) => `Something went wrong on our side. Please try again (reference ${errorId}).`;

/**
 * Server actions and reads: the refusal the caller gets for an unexpected error. Next's own
 * control-flow errors are rethrown.
 */
export async function errorRefusal(err: unknown, entry: Exclude<EntryKind, "route">, name: string): Promise<Refusal> {
  if (isNextControlFlow(err)) throw err;
  const c = classify(err, await requestLogger(), entry, name);
  return { kind: "error", message: c.unavailable ? UNAVAILABLE_MESSAGE : failedMessage(c.errorId) };
}

/** Route handlers: 503 + Retry-After when the database is unavailable, else 500 with a reference id. */
export function errorResponse(err: unknown, req: Request, name: string): Response {
  if (isNextControlFlow(err)) throw err;
  const c = classify(err, loggerFor(req), "route", name);
  return c.unavailable ? unavailableResponse() : jsonError(500, failedMessage(c.errorId));
}
