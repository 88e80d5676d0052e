// What expires is deleted: every table that gains a row per request, ceremony or delivery
// is pruned here, once a minute by the sweeper on every instance (safe concurrently: each
// step is one bounded DELETE). Retention is chosen per table and says why; the longest a
// row must outlive its use is what decides it, never "keep for ever".
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";

/** Rows deleted per table per sweep: a backlog drains over several sweeps, never in one long lock. */
export const PRUNE_BATCH = 5_000;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

type Step = { table: string; why: string; sql: (now: Date) => Prisma.Sql };

const batch = (table: string, where: Prisma.Sql) =>
  Prisma.sql`DELETE FROM ${Prisma.raw(`"${table}"`)} WHERE ctid IN (SELECT ctid FROM ${Prisma.raw(`"${table}"`)} WHERE ${where} LIMIT ${PRUNE_BATCH})`;

export const PRUNE_STEPS: readonly Step[] = [
  {
    table: "WebAuthnChallenge",
    why: "a challenge is worthless once expired (5 min); consumed ones are kept until then only to refuse a replay as such",
    sql: (now) => batch("WebAuthnChallenge", Prisma.sql`"expiresAt" < ${now}`),
  },
  {
    table: "ExportTicket",
    why: "a download ticket lives 60 s",
    sql: (now) => batch("ExportTicket", Prisma.sql`"expiresAt" < ${now}`),
  },
  {
    table: "ExportLease",
    why: "a crashed instance's lease lapses at expiresAt; after that it counts for nothing",
    sql: (now) => batch("ExportLease", Prisma.sql`"expiresAt" < ${now}`),
  },
  {
    table: "IdempotencyRecord",
    why: "keys expire after 24 h (lib/guard/idempotency.ts); an expired key is a new request",
    sql: (now) => batch("IdempotencyRecord", Prisma.sql`"expiresAt" <= ${now}`),
  },
  {
    table: "SignInAttempt",
    why: "throttle windows are at most 15 min; an hour keeps a margin over every window",
    sql: (now) => batch("SignInAttempt", Prisma.sql`"createdAt" < ${new Date(now.getTime() - HOUR)}`),
  },
  {
    table: "StepUpFailure",
    why: "the lockout counts failures over 15 min; an hour keeps a margin",
    sql: (now) => batch("StepUpFailure", Prisma.sql`"createdAt" < ${new Date(now.getTime() - HOUR)}`),
  },
  {
    table: "StepUpLockout",
    why: "a lock that has ended locks nothing",
    sql: (now) => batch("StepUpLockout", Prisma.sql`"lockedUntil" < ${now}`),
  },
  {
    table: "ApiStepUpRequest",
    why: "a polling client should read 'expired', not 'not found', for a while: a day after expiry",
    sql: (now) => batch("ApiStepUpRequest", Prisma.sql`"expiresAt" < ${new Date(now.getTime() - DAY)}`),
  },
  {
    table: "StepUpGrant",
    why: "dead grants (expired, spent or revoked) are kept 30 days for investigations; the audit trail keeps the story after that",
    sql: (now) => batch("StepUpGrant", Prisma.sql`"expiresAt" < ${new Date(now.getTime() - 30 * DAY)}`),
  },
  {
    table: "ProcessedEvent",
    why: "Stripe retries a delivery for up to 3 days; 30 days of event ids dedupe any redelivery with room to spare",
    sql: (now) => batch("ProcessedEvent", Prisma.sql`"receivedAt" < ${new Date(now.getTime() - 30 * DAY)}`),
  },
];

/**
 * One sweep: each table's expired rows, up to PRUNE_BATCH each. Returns the counts that were
 * not zero. `tables` limits the sweep (tests that share a database prune only their own table).
 */
export async function pruneExpired({
  db,
  now,
  tables,
}: {
  db: Db;
  now: Date;
  tables?: readonly string[];
}): Promise<Record<string, number>> {
  const pruned: Record<string, number> = {};
  for (const step of PRUNE_STEPS) {
    if (tables && !tables.includes(step.table)) continue;
    const count = await db.$executeRaw(step.sql(now));
    if (count > 0) pruned[step.table] = count;
  }
  return pruned;
}
