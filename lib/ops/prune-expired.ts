// What expires is deleted: every table that gains a row per request, ceremony or delivery
// is pruned here, once a minute by the sweeper on every instance (safe concurrently: each
// step is one bounded DELETE). Retention is chosen per table and says why; the longest a
// row must outlive its use is what decides it, never "keep for ever".
import "server-only";
import type { Db } from "@/lib/db/client";
import * as prune from "@/lib/ops/ops-sql";

/** Rows deleted per table per sweep: a backlog drains over several sweeps, never in one long lock. */
export const PRUNE_BATCH = 5_000;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

type Step = {
  table: string;
  why: string;
  /** Rows that ended before this instant are deleted. */
  before: (now: Date) => Date;
  run: (batch: prune.PruneBatch) => Promise<number>;
};

const ago = (ms: number) => (now: Date) => new Date(now.getTime() - ms);
const atNow = (now: Date) => now;

export const PRUNE_STEPS: readonly Step[] = [
  {
    table: "WebAuthnChallenge",
    why: "a challenge is worthless once expired (5 min); consumed ones are kept until then only to refuse a replay as such",
    before: atNow,
    run: prune.pruneChallenges,
  },
  {
    table: "ExportTicket",
    why: "a download ticket lives 60 s",
    before: atNow,
    run: prune.pruneExportTickets,
  },
  {
    table: "ExportLease",
    why: "a crashed instance's lease lapses at expiresAt; after that it counts for nothing",
    before: atNow,
    run: prune.pruneExportLeases,
  },
  {
    table: "IdempotencyRecord",
    why: "keys expire after 24 h (lib/guard/idempotency.ts); an expired key is a new request",
    before: atNow,
    run: prune.pruneIdempotencyRecords,
  },
  {
    table: "SignInAttempt",
    why: "throttle windows are at most 15 min; an hour keeps a margin over every window",
    before: ago(HOUR),
    run: prune.pruneSignInAttempts,
  },
  {
    table: "StepUpFailure",
    why: "the lockout counts failures over 15 min; an hour keeps a margin",
    before: ago(HOUR),
    run: prune.pruneStepUpFailures,
  },
  {
    table: "StepUpLockout",
    why: "a lock that has ended locks nothing",
    before: atNow,
    run: prune.pruneStepUpLockouts,
  },
  {
    table: "ApiStepUpRequest",
    why: "a polling client should read 'expired', not 'not found', for a while: a day after expiry",
    before: ago(DAY),
    run: prune.pruneApiStepUpRequests,
  },
  {
    table: "StepUpGrant",
    why: "dead grants (expired, spent or revoked) are kept 30 days for investigations; the audit trail keeps the story after that",
    before: ago(30 * DAY),
    run: prune.pruneStepUpGrants,
  },
  {
    table: "ProcessedEvent",
    why: "Stripe retries a delivery for up to 3 days; 30 days of event ids dedupe any redelivery with room to spare",
    before: ago(30 * DAY),
    run: prune.pruneProcessedEvents,
  },
  {
    table: "Invite",
    why: "an unaccepted invitation is dead at expiry (7 days); kept 30 days more so a late click reads 'expired, ask for a new one' rather than 'not valid'. Accepted ones stay (the member's history); the audit trail keeps the rest",
    before: ago(30 * DAY),
    run: prune.pruneInvites,
  },
  {
    table: "EmailToken",
    why: "a mailed link lives 30 min (reset) or 24 h (verification); a day after expiry a late click still reads 'expired' rather than 'not valid'",
    before: ago(DAY),
    run: prune.pruneEmailTokens,
  },
  {
    table: "FactorReplacement",
    why: "a recovery code's enrolment permission lives 10 minutes; the audit trail records its use, so a day after expiry nothing needs it",
    before: ago(DAY),
    run: prune.pruneFactorReplacements,
  },
  {
    table: "NotMeToken",
    why: "a notice's 'this wasn't me' link lives 48 h; a day after expiry a late click still reads 'expired' rather than 'not valid'",
    before: ago(DAY),
    run: prune.pruneNotMeTokens,
  },
  {
    table: "SsoAttempt",
    why: "a trip to the IdP lives 10 min and its sign-in ticket 2 min; a replayed state or ticket of a deleted row finds nothing and is refused the same way",
    before: atNow,
    run: prune.pruneSsoAttempts,
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
    const count = await step.run({ tx: db, before: step.before(now), limit: PRUNE_BATCH });
    if (count > 0) pruned[step.table] = count;
  }
  return pruned;
}
