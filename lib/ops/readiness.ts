// Whether this instance should get traffic (GET /api/health/ready). Each check answers with
// a word, never an error message: the endpoint is unauthenticated, and a driver's message
// names hosts, users and databases.
//   draining   – SIGTERM received (lib/ops/lifecycle.ts): never ready again;
//   database   – a query answers within DATABASE_CHECK_TIMEOUT_MS;
//   migrations – every migration this build ships is applied (an instance of a newer
//                release must not serve before its migration job ran);
//   listen     – the LISTEN connection is up, or live updates would silently stop.
import "server-only";
import type pg from "pg";
import { getPool } from "@/lib/db/client";
import { isListening } from "@/lib/licensing/license-events";
import { isDraining } from "@/lib/ops/lifecycle";
import { committedMigrations } from "@/lib/ops/committed-migrations";
import { selectAppliedMigrationsPg } from "@/lib/ops/ops-sql";

export const DATABASE_CHECK_TIMEOUT_MS = 2_000;

export type ReadinessChecks = {
  draining: "no" | "yes";
  database: "ok" | "unreachable" | "skipped";
  migrations: "ok" | "pending" | "unknown";
  listen: "ok" | "down";
};
export type Readiness = {
  ready: boolean;
  /** The checks that keep it from being ready. */ failed: (keyof ReadinessChecks)[];
  checks: ReadinessChecks;
};

async function appliedMigrations(pool: pg.Pool, timeoutMs: number): Promise<Set<string> | null> {
  const query = selectAppliedMigrationsPg({ pool });
  // The query may outlive the timeout (a frozen server): its late failure is not an error.
  query.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const result = await Promise.race([query, timeout]);
    return result ? new Set(result) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness({
  pool = getPool(),
  committed = committedMigrations,
  timeoutMs = DATABASE_CHECK_TIMEOUT_MS,
}: { pool?: pg.Pool; committed?: () => string[]; timeoutMs?: number } = {}): Promise<Readiness> {
  const listen = isListening() ? "ok" : "down";
  if (isDraining())
    return { ready: false, failed: ["draining"], checks: { draining: "yes", database: "skipped", migrations: "unknown", listen } };
  const applied = await appliedMigrations(pool, timeoutMs);
  const checks: ReadinessChecks = {
    draining: "no",
    database: applied ? "ok" : "unreachable",
    migrations: !applied ? "unknown" : committed().every((name) => applied.has(name)) ? "ok" : "pending",
    listen,
  };
  // "unknown" migrations follow from an unreachable database: that one is the failure.
  const failed = (["database", "migrations", "listen"] as const).filter((name) => checks[name] !== "ok" && checks[name] !== "unknown");
  return { ready: failed.length === 0, failed, checks };
}
