// "The database cannot serve this request right now": the pool had no free connection within
// the acquire timeout, the server refused or dropped the connection, or a statement ran past
// statement_timeout. Those are answered 503 with Retry-After and a human message (routes,
// server actions, pages), never a 500: nothing is wrong with the request, and a retry in a
// moment may succeed. One classifier, so every entry point draws the line in the same place.
import "server-only";
import { UNAVAILABLE_DIGEST } from "@/lib/db/unavailable-digest";

export const RETRY_AFTER_SECONDS = 5;
export const UNAVAILABLE_MESSAGE = "The service is briefly unavailable. Please try again in a few seconds.";

// Postgres SQLSTATEs: query_canceled (statement_timeout), admin/crash shutdown, cannot connect
// now (starting up / shutting down), too many connections, connection failures,
// idle_in_transaction_session_timeout.
const SQLSTATES = new Set(["57014", "57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08004", "08006", "25P03"]);
// Socket-level failures from node-postgres.
const ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
// Prisma: can't reach / timed out reaching the server, connection closed, pool timeout.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
// Some of these reach us only as text (pg-pool's timeout is a bare Error; Prisma folds a raw
// query's SQLSTATE into its message).
const MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|canceling statement due to statement timeout|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|Code: `(57014|57P0[123]|53300|08\d{3})`/;

type Inspectable = { code?: unknown; message?: unknown; meta?: { code?: unknown }; cause?: unknown; errors?: unknown };

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const e = err as Inspectable;
  const code = typeof e.code === "string" ? e.code : "";
  if (SQLSTATES.has(code) || ERRNOS.has(code) || PRISMA_CODES.has(code)) return true;
  if (typeof e.meta?.code === "string" && SQLSTATES.has(e.meta.code)) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** Marks a connection failure so it reaches the page's error boundary as UNAVAILABLE_DIGEST. */
export function tagUnavailable<E>(err: E): E {
  if (err && typeof err === "object" && !("digest" in err) && isDatabaseUnavailable(err))
    Object.assign(err, { digest: UNAVAILABLE_DIGEST });
  return err;
}

/** The JSON answer of a route handler (same shape as jsonError's). */
export function unavailableResponse(): Response {
  return new Response(JSON.stringify({ error: "unavailable", error_description: UNAVAILABLE_MESSAGE, retry_after: RETRY_AFTER_SECONDS }), {
    status: 503,
    headers: { "content-type": "application/json", "cache-control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) },
  });
}
