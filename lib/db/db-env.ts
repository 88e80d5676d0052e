// The database's bounds, validated with the rest of the environment (lib/env.ts spreads
// this shape in). Every wait a request can make on Postgres has a ceiling here, so a frozen
// or unreachable database turns into a quick 503 instead of a request that hangs.
import { z } from "zod";

const ms = (name: string, { min, max, fallback }: { min: number; max: number; fallback: number }) =>
  z.coerce
    .number({ error: `${name} must be a number of milliseconds` })
    .int(`${name} must be a whole number of milliseconds`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

const count = (name: string, { min, max, fallback }: { min: number; max: number; fallback: number }) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

export const DatabaseEnvSchema = z.object({
  // Connections of the app's pool (per instance). Postgres' max_connections must cover
  // every instance's DATABASE_POOL_SIZE + EXPORT_POOL_SIZE + one LISTEN connection.
  DATABASE_POOL_SIZE: count("DATABASE_POOL_SIZE", { min: 1, max: 500, fallback: 20 }),
  // How long a request waits for a pooled connection (or for a new one to connect) before
  // it is answered 503 with Retry-After.
  DATABASE_POOL_ACQUIRE_TIMEOUT_MS: ms("DATABASE_POOL_ACQUIRE_TIMEOUT_MS", { min: 100, max: 120_000, fallback: 5_000 }),
  // Postgres cancels any one statement of the app that runs longer than this. 0 sends no
  // value: for a pooler that refuses the startup parameter, where it is set on the server.
  DATABASE_STATEMENT_TIMEOUT_MS: ms("DATABASE_STATEMENT_TIMEOUT_MS", { min: 0, max: 600_000, fallback: 15_000 }),
  // Postgres ends a session left idle inside an open transaction for longer than this
  // (its locks are released). 0 sends no value, as above.
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: ms("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", { min: 0, max: 3_600_000, fallback: 30_000 }),
  // Exports stream on their own pool, so they can never take the app's connections.
  EXPORT_POOL_SIZE: count("EXPORT_POOL_SIZE", { min: 1, max: 100, fallback: 4 }),
  // An export is one COPY statement: this is the longest an export may take.
  EXPORT_STATEMENT_TIMEOUT_MS: ms("EXPORT_STATEMENT_TIMEOUT_MS", { min: 0, max: 3_600_000, fallback: 600_000 }),
  // A download whose client reads nothing for this long is ended and its connection freed.
  EXPORT_STALL_SECONDS: count("EXPORT_STALL_SECONDS", { min: 1, max: 3_600, fallback: 30 }),
  // Concurrent exports, across all instances (counted in Postgres: lib/exports/export-leases.ts).
  EXPORT_MAX_PER_USER: count("EXPORT_MAX_PER_USER", { min: 1, max: 100, fallback: 2 }),
  EXPORT_MAX_PER_ORG: count("EXPORT_MAX_PER_ORG", { min: 1, max: 1_000, fallback: 4 }),
});
