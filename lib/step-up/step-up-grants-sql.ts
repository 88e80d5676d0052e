// The step-up grant's statements (see lib/db/README.md): the row a verified step-up mints
// (embedded in step-up-sql.ts's commit) and the reads that find, and lock, the freshest
// grant that serves an action. The guard's own read is guard_decide() (guard-sql.ts); these
// serve the cases it hands back and authorize() on its own.
// Bench row: "guard".
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { col, firstRow, type RawRow } from "@/lib/db/row";
import type { ActionId, FactorStrength, StepUpMethod } from "@/lib/licensing/policy";

export type NewGrantRow = {
  id: string;
  sessionId: string | null;
  apiKeyId: string | null;
  userId: string;
  orgId: string;
  method: StepUpMethod;
  strength: FactorStrength;
  /** The passkey a `passkey` grant was verified with; null for other methods. */
  passkeyId: string | null;
  /** An `oidc` grant's acr and auth_time as the IdP asserted them; null for other methods. */
  acr?: string | null;
  authTime?: Date | null;
  level: string;
  actionId: ActionId | null;
  verifiedAt: Date;
  expiresAt: Date;
};

/** `INSERT INTO "StepUpGrant" … SELECT <values>`: alone, or embedded (commitStepUp). */
export function grantInsert(grant: NewGrantRow): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "StepUpGrant" (id, "sessionId", "apiKeyId", "userId", "orgId", method, strength, "passkeyId", acr, "authTime", level, "actionId", "verifiedAt", "expiresAt")
    SELECT ${grant.id}::uuid, ${grant.sessionId}::uuid, ${grant.apiKeyId}::uuid, ${grant.userId}::uuid, ${grant.orgId}::uuid,
           ${grant.method}, ${grant.strength}, ${grant.passkeyId}::uuid, ${grant.acr ?? null}, ${grant.authTime ?? null}::timestamp(3), ${grant.level}, ${grant.actionId}, ${grant.verifiedAt}, ${grant.expiresAt}`;
}

export type GrantRead = {
  id: string;
  actionId: string | null;
  verifiedAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
  revokedAt: Date | null;
  passkeyId: string | null;
  level: string;
  method: string;
  strength: string;
};

export type GrantQuery = {
  /** Exactly one of the two: the holder is a browser session or an API key. */
  sessionId: string | null;
  apiKeyId: string | null;
  orgId: string;
  actionId: ActionId;
  /** true for a single-use (`once`) requirement: only a grant scoped to the action serves. */
  once: boolean;
  /** Grants verified before this are too old (ignored when `once`). */
  verifiedAfter: Date;
  /** Only grants from these methods serve (the requirement's; strength is judged in grant-freshness.ts). */
  methods: readonly string[];
  now: Date;
};

const GRANT_COLUMNS = Prisma.sql`id, "actionId", "verifiedAt", "expiresAt", "consumedAt", "revokedAt", "passkeyId", level, method, strength`;

// The holder and scope are conditions on parameters: Postgres plans each statement with its
// values, so a condition whose parameter is NULL (or false) folds away before planning.
const usableGrantFilter = (q: GrantQuery) => Prisma.sql`
       ((${q.sessionId}::uuid IS NOT NULL AND "sessionId" = ${q.sessionId}::uuid)
        OR (${q.apiKeyId}::uuid IS NOT NULL AND "apiKeyId" = ${q.apiKeyId}::uuid))
   AND "orgId" = ${q.orgId}::uuid
   AND "revokedAt" IS NULL
   AND "consumedAt" IS NULL
   AND "expiresAt" > ${q.now}
   AND "verifiedAt" <= ${q.now}
   AND method = ANY(${q.methods}::text[])
   AND ((${q.once}::boolean AND "actionId" = ${q.actionId})
        OR (NOT ${q.once}::boolean AND ("actionId" IS NULL OR "actionId" = ${q.actionId}) AND "verifiedAt" >= ${q.verifiedAfter}))`;

const toGrant = (r: RawRow): GrantRead => ({
  id: col.text(r, "id"),
  actionId: col.textOrNull(r, "actionId"),
  verifiedAt: col.date(r, "verifiedAt"),
  expiresAt: col.date(r, "expiresAt"),
  consumedAt: col.dateOrNull(r, "consumedAt"),
  revokedAt: col.dateOrNull(r, "revokedAt"),
  passkeyId: col.textOrNull(r, "passkeyId"),
  level: col.text(r, "level"),
  method: col.text(r, "method"),
  strength: col.text(r, "strength"),
});

/** The freshest live grant for the query, unlocked (a read that decides nothing it writes). */
export async function selectUsableGrant({ tx, ...q }: GrantQuery & { tx: Db }): Promise<GrantRead | null> {
  const rows = await tx.$queryRaw`
    SELECT ${GRANT_COLUMNS}
      FROM "StepUpGrant"
     WHERE ${usableGrantFilter(q)}
     ORDER BY "verifiedAt" DESC
     LIMIT 1`;
  return firstRow(rows, toGrant);
}

/**
 * The same grant FOR SHARE: a concurrent revocation (sign-out, passkey removal, plan change)
 * waits for the caller's transaction to commit, or the caller sees the revocation.
 */
export async function selectUsableGrantForShare({ tx, ...q }: GrantQuery & { tx: Db }): Promise<GrantRead | null> {
  const rows = await tx.$queryRaw`
    SELECT ${GRANT_COLUMNS}
      FROM "StepUpGrant"
     WHERE ${usableGrantFilter(q)}
     ORDER BY "verifiedAt" DESC
     LIMIT 1
       FOR SHARE`;
  return firstRow(rows, toGrant);
}

/**
 * The same grant FOR UPDATE, for a single-use grant: two actions racing for it queue here
 * (rather than deadlock upgrading share locks), and the second re-reads it as consumed.
 */
export async function selectUsableGrantForUpdate({ tx, ...q }: GrantQuery & { tx: Db }): Promise<GrantRead | null> {
  const rows = await tx.$queryRaw`
    SELECT ${GRANT_COLUMNS}
      FROM "StepUpGrant"
     WHERE ${usableGrantFilter(q)}
     ORDER BY "verifiedAt" DESC
     LIMIT 1
       FOR UPDATE`;
  return firstRow(rows, toGrant);
}
