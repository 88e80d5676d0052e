// The sweeper's prune statements (see lib/db/README.md): one bounded DELETE per expiring
// table, each deleting at most `limit` rows that ended before `before` (ctid-batched, so a
// backlog drains over several sweeps and never holds a long lock). One statement per table,
// so each names its own table and its own expiry column.
import "server-only";
import type { Db } from "@/lib/db/client";

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
