// The guard's statements (see lib/db/README.md). The guard runs on every protected request,
// so the number of round trips is most of what it costs: guard_decide() (a database
// function, prisma/migrations/20261201130000_guard_decide) claims the idempotency key, reads
// the facts and locks (or spends) the grant in one call; the facts statement is the same
// read for callers outside the guarded pipeline (authorize() on its own).
// Bench rows: "guard" and "guard-decision".
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type pg from "pg";
import { forPg, type Db } from "@/lib/db/client";
import { executeOn, type Conn } from "@/lib/db/db-sql";
import { col, onlyRow, type RawRow } from "@/lib/db/row";
import { licenseForShareSql, licenseSql, toLicenseRow, type LicenseRow } from "@/lib/licensing/licensing-sql";
import type { GrantRead } from "@/lib/step-up/step-up-grants-sql";
import { auditEventInsert } from "@/lib/audit/audit-sql";
import type { AuditEventInput } from "@/lib/audit/record-audit-event";

/** Who is asking: a session (sessionId) or an API key (apiKeyId); the other is null. */
export type Holder = { orgId: string; userId: string; sessionId: string | null; apiKeyId: string | null };

/** A session is live when created after `createdAfter` and seen after `lastSeenAfter` (session-lifetime.ts). */
export type SessionCutoffs = { createdAfter: Date; lastSeenAfter: Date };

/** Everything authorize() needs to know about a caller except its grant. */
export type FactsRow = {
  /** The session is unrevoked, within its lifetime and the user's (or the API key is unrevoked and the org's). */
  holderLive: boolean;
  role: string | null;
  lockedUntil: Date | null;
  license: LicenseRow | null;
  /** Require SSO: set only when the org's connection requires it (see ssoFactsSql). */
  sso: SsoFacts;
};

export type SsoFacts = {
  /** The org's connection has requireSso (whatever the plan: the policy checks that). */
  required: boolean;
  /** The calling session came through that connection. */
  viaOrgConnection: boolean;
  /** When this session's break-glass in the org was recorded; null if never. */
  breakGlassAt: Date | null;
};

// The holder is a condition on parameters: Postgres plans the statement with its values,
// so the branch whose id is NULL folds away before planning.
const holderLiveSql = (h: Holder, cutoffs: SessionCutoffs) => Prisma.sql`
  CASE WHEN ${h.sessionId}::uuid IS NOT NULL
       THEN (SELECT "revokedAt" IS NULL AND "userId" = ${h.userId}::uuid
                    AND "createdAt" > ${cutoffs.createdAfter} AND "lastSeenAt" > ${cutoffs.lastSeenAfter}
               FROM "Session" WHERE id = ${h.sessionId}::uuid)
       ELSE (SELECT "revokedAt" IS NULL AND "orgId" = ${h.orgId}::uuid FROM "ApiKey" WHERE id = ${h.apiKeyId}::uuid)
  END`;

// Require SSO's facts, read only when the org's connection requires it (the same join as
// guard_decide's in prisma/migrations/20261202051000_sso_require).
const ssoFactsSql = (h: Holder) => Prisma.sql`
  SELECT TRUE AS sso_required, s."ssoConnectionId" IS NOT DISTINCT FROM c.id AND s.id IS NOT NULL AS sso_via_org,
         b."createdAt" AS break_glass_at
    FROM "SsoConnection" c
    LEFT JOIN "Session" s ON s.id = ${h.sessionId}::uuid
    LEFT JOIN "SsoBreakGlass" b ON b."sessionId" = ${h.sessionId}::uuid AND b."orgId" = ${h.orgId}::uuid
   WHERE c."orgId" = ${h.orgId}::uuid AND c."requireSso"`;

const toFacts = (r: RawRow): FactsRow => ({
  holderLive: col.boolOrNull(r, "holder_live") === true,
  role: col.textOrNull(r, "role"),
  lockedUntil: col.dateOrNull(r, "locked_until"),
  license: toLicenseRow(r),
  sso: {
    required: col.boolOrNull(r, "sso_required") === true,
    viaOrgConnection: col.boolOrNull(r, "sso_via_org") === true,
    breakGlassAt: col.dateOrNull(r, "break_glass_at"),
  },
});

type FactsQuery = { tx: Db; holder: Holder; cutoffs: SessionCutoffs };

/** The facts in ONE round trip: holder, role, lockout and the license row (unlocked). */
export async function selectDecisionFacts({ tx, holder, cutoffs }: FactsQuery): Promise<FactsRow> {
  const rows = await tx.$queryRaw`
    SELECT ${holderLiveSql(holder, cutoffs)} AS holder_live,
           (SELECT role FROM "Membership" WHERE "orgId" = ${holder.orgId}::uuid AND "userId" = ${holder.userId}::uuid) AS role,
           (SELECT "lockedUntil" FROM "StepUpLockout" WHERE "userId" = ${holder.userId}::uuid) AS locked_until,
           license.*, sso.*
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (${licenseSql({ orgId: holder.orgId })}) AS license ON TRUE
      LEFT JOIN LATERAL (${ssoFactsSql(holder)}) AS sso ON TRUE`;
  return onlyRow(rows, toFacts);
}

/** selectDecisionFacts with the organization and subscription rows FOR SHARE (see licenseForShareSql). */
export async function selectDecisionFactsForShare({ tx, holder, cutoffs }: FactsQuery): Promise<FactsRow> {
  const rows = await tx.$queryRaw`
    SELECT ${holderLiveSql(holder, cutoffs)} AS holder_live,
           (SELECT role FROM "Membership" WHERE "orgId" = ${holder.orgId}::uuid AND "userId" = ${holder.userId}::uuid) AS role,
           (SELECT "lockedUntil" FROM "StepUpLockout" WHERE "userId" = ${holder.userId}::uuid) AS locked_until,
           license.*, sso.*
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (${licenseForShareSql({ orgId: holder.orgId })}) AS license ON TRUE
      LEFT JOIN LATERAL (${ssoFactsSql(holder)}) AS sso ON TRUE`;
  return onlyRow(rows, toFacts);
}

export type GrantLock = "none" | "consume" | "update" | "share";

export type GuardDecideInput = {
  holder: Holder;
  cutoffs: SessionCutoffs;
  actionId: string;
  /** null without an idempotency key. */
  claim: { scope: string; key: string; inputHash: string } | null;
  claimExpiresAt: Date;
  now: Date;
  /** What the action can ever need (decide.ts grantModeOf) and the loosest age it allows. */
  grantMode: string;
  grantMaxAge: number;
  tightenable: boolean;
};

export type GuardDecideRow = FactsRow & {
  /** null without a key; false when another request already holds it (then `prior` is its record). */
  claimed: boolean | null;
  prior: { orgId: string | null; actionId: string | null; inputHash: string | null; result: unknown };
  grantLock: GrantLock;
  grant: GrantRead | null;
  /** The call spent `grant` (a single-use grant under a `once` action). */
  grantConsumed: boolean;
};

const GRANT_LOCKS: readonly GrantLock[] = ["none", "consume", "update", "share"];

function toGrantLock(r: RawRow): GrantLock {
  const lock = col.text(r, "grant_lock");
  const known = GRANT_LOCKS.find((l) => l === lock);
  if (!known) throw new Error(`guard_decide returned grant_lock "${lock}"`);
  return known;
}

function toDecideRow(r: RawRow): GuardDecideRow {
  const grantId = col.textOrNull(r, "grant_id");
  return {
    ...toFacts(r),
    claimed: col.boolOrNull(r, "claimed"),
    prior: {
      orgId: col.textOrNull(r, "prior_org_id"),
      actionId: col.textOrNull(r, "prior_action_id"),
      inputHash: col.textOrNull(r, "prior_input_hash"),
      result: col.json(r, "prior_result"),
    },
    grantLock: toGrantLock(r),
    grant: grantId
      ? {
          id: grantId,
          actionId: col.textOrNull(r, "grant_action_id"),
          verifiedAt: col.date(r, "grant_verified_at"),
          expiresAt: col.date(r, "grant_expires_at"),
          consumedAt: col.dateOrNull(r, "grant_consumed_at"),
          revokedAt: col.dateOrNull(r, "grant_revoked_at"),
          passkeyId: col.textOrNull(r, "grant_passkey_id"),
          level: col.text(r, "grant_level"),
          method: col.text(r, "grant_method"),
          strength: col.text(r, "grant_strength"),
        }
      : null,
    grantConsumed: col.boolOrNull(r, "grant_consumed") === true,
  };
}

/** The guard_decide() call (callGuardDecide through Prisma, callGuardDecidePg on the transaction's own connection). */
export const guardDecideSql = (q: GuardDecideInput) => Prisma.sql`
    SELECT * FROM guard_decide(${q.claim?.scope ?? null}, ${q.claim?.key ?? null}, ${q.actionId}, ${q.claim?.inputHash ?? null},
      ${q.claimExpiresAt}, ${q.now}, ${q.holder.orgId}::uuid, ${q.holder.userId}::uuid, ${q.holder.sessionId}::uuid,
      ${q.holder.apiKeyId}::uuid, ${q.cutoffs.createdAfter}, ${q.cutoffs.lastSeenAfter}, ${q.grantMode}, ${q.grantMaxAge}::int,
      ${q.tightenable})`;

export async function callGuardDecide({ tx, ...q }: GuardDecideInput & { tx: Db }): Promise<GuardDecideRow> {
  return onlyRow(await tx.$queryRaw`${guardDecideSql(q)}`, toDecideRow);
}

/**
 * callGuardDecide on node-postgres: the same statement, unnamed (PgBouncer transaction mode),
 * the same mapper. runGuarded sends it on its transaction's own connection
 * (withTransactionConnection): Prisma's client cost per statement is several times the
 * driver's, on the one statement every guarded request sends (bench: guard-decide-client).
 */
export async function callGuardDecidePg({ client, ...q }: GuardDecideInput & { client: pg.ClientBase }): Promise<GuardDecideRow> {
  const sql = forPg(guardDecideSql(q));
  return onlyRow((await client.query(sql.text, sql.values)).rows, toDecideRow);
}

/**
 * The guarded call's two writes as ONE statement: its result stored in the idempotency
 * record it claimed (`storedJson`, already serialised) and its "allowed" audit row. On the
 * transaction's own connection when `client` is given, like guard_decide.
 */
export async function storeResultWithAudit({
  claim,
  storedJson,
  audit,
  ...conn
}: Conn & {
  claim: { scope: string; key: string };
  storedJson: string;
  audit: AuditEventInput & { at?: Date };
}): Promise<void> {
  await executeOn(
    conn,
    Prisma.sql`
    WITH stored AS (
      UPDATE "IdempotencyRecord" SET result = ${storedJson}::jsonb WHERE scope = ${claim.scope} AND key = ${claim.key}
    )
    ${auditEventInsert(audit)}`,
  );
}
