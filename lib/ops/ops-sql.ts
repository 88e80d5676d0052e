// The operations statements (see lib/db/README.md). The sweeper's prunes: one bounded DELETE
// per expiring table, each deleting at most `limit` rows that ended before `before`
// (ctid-batched, so a backlog drains over several sweeps and never holds a long lock). One
// statement per table, so each names its own table and its own expiry column. And the
// readiness probe's read of the applied migrations.
import "server-only";
import type pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { col, mapRows } from "@/lib/db/row";

export type PruneBatch = { tx: Db; before: Date; limit: number };

export const pruneChallenges = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "WebAuthnChallenge" WHERE ctid IN (SELECT ctid FROM "WebAuthnChallenge" WHERE "expiresAt" < ${before} LIMIT ${limit})`;

export const pruneExportTickets = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "ExportTicket" WHERE ctid IN (SELECT ctid FROM "ExportTicket" WHERE "expiresAt" < ${before} LIMIT ${limit})`;

export const pruneExportLeases = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "ExportLease" WHERE ctid IN (SELECT ctid FROM "ExportLease" WHERE "expiresAt" < ${before} LIMIT ${limit})`;

/** `expiresAt <= before`: an idempotency key is dead at its expiry instant (idempotency.ts). */
export const pruneIdempotencyRecords = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "IdempotencyRecord" WHERE ctid IN (SELECT ctid FROM "IdempotencyRecord" WHERE "expiresAt" <= ${before} LIMIT ${limit})`;

export const pruneSignInAttempts = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "SignInAttempt" WHERE ctid IN (SELECT ctid FROM "SignInAttempt" WHERE "createdAt" < ${before} LIMIT ${limit})`;

export const pruneStepUpFailures = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "StepUpFailure" WHERE ctid IN (SELECT ctid FROM "StepUpFailure" WHERE "createdAt" < ${before} LIMIT ${limit})`;

export const pruneStepUpLockouts = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "StepUpLockout" WHERE ctid IN (SELECT ctid FROM "StepUpLockout" WHERE "lockedUntil" < ${before} LIMIT ${limit})`;

export const pruneApiStepUpRequests = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "ApiStepUpRequest" WHERE ctid IN (SELECT ctid FROM "ApiStepUpRequest" WHERE "expiresAt" < ${before} LIMIT ${limit})`;

export const pruneStepUpGrants = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "StepUpGrant" WHERE ctid IN (SELECT ctid FROM "StepUpGrant" WHERE "expiresAt" < ${before} LIMIT ${limit})`;

export const pruneProcessedEvents = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "ProcessedEvent" WHERE ctid IN (SELECT ctid FROM "ProcessedEvent" WHERE "receivedAt" < ${before} LIMIT ${limit})`;

/** Invitations that expired unaccepted (withdrawn ones included); an accepted one is the member's history and stays. */
export const pruneInvites = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "Invite" WHERE ctid IN (SELECT ctid FROM "Invite" WHERE "acceptedAt" IS NULL AND "expiresAt" < ${before} LIMIT ${limit})`;

/** Mailed links, used or not: a token past its expiry opens nothing. */
export const pruneEmailTokens = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "EmailToken" WHERE ctid IN (SELECT ctid FROM "EmailToken" WHERE "expiresAt" < ${before} LIMIT ${limit})`;

/** A spent recovery code's enrolment permission, used or not: past its expiry it permits nothing. */
export const pruneFactorReplacements = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "FactorReplacement" WHERE ctid IN (SELECT ctid FROM "FactorReplacement" WHERE "expiresAt" < ${before} LIMIT ${limit})`;

/** "This wasn't me" links, used or not: past its expiry a link opens nothing. */
export const pruneNotMeTokens = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "NotMeToken" WHERE ctid IN (SELECT ctid FROM "NotMeToken" WHERE "expiresAt" < ${before} LIMIT ${limit})`;

export const pruneSsoAttempts = ({ tx, before, limit }: PruneBatch) => tx.$executeRaw`
  DELETE FROM "SsoAttempt" WHERE ctid IN (SELECT ctid FROM "SsoAttempt" WHERE "expiresAt" < ${before} LIMIT ${limit})`;

const APPLIED_MIGRATIONS = Prisma.sql`
  SELECT m.migration_name FROM _prisma_migrations m WHERE m.finished_at IS NOT NULL AND m.rolled_back_at IS NULL`;

/**
 * The names of the migrations applied to the database, read on the pool the readiness probe
 * is handed (lib/ops/readiness.ts): node-postgres because the probe checks that pool itself,
 * and a Prisma client is bound to the pool it was built with. Unnamed, like every statement
 * on the pooled URL (PgBouncer transaction mode).
 */
export async function selectAppliedMigrationsPg({ pool }: { pool: pg.Pool }): Promise<string[]> {
  const { rows } = await pool.query(APPLIED_MIGRATIONS.text, APPLIED_MIGRATIONS.values);
  return mapRows(rows, (r) => col.text(r, "migration_name"));
}
