// Everything authorize() needs to know about a caller except its grant, read in ONE round
// trip: is the session (or API key) live, the caller's role in the org, the org's license
// row, and whether step-up is locked for the user. The guard runs on every protected
// request, so the number of round trips here is most of what the guard costs.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { licenseSql, type LicenseRow } from "@/lib/licensing/get-license";
import { isRole, type Role } from "@/lib/licensing/policy";
import type { GuardContext } from "@/lib/guard/context";
import { sessionWithinLifetimeSql } from "@/lib/auth/session-lifetime";

export type DecisionFacts = {
  /** The session is unrevoked, within its lifetime and belongs to ctx.userId (or the API key is unrevoked and of ctx.orgId). */
  holderLive: boolean;
  /** The caller's role in ctx.orgId, null when not a member. */
  role: Role | null;
  lockedUntil: Date | null;
  /** null only if the organisation does not exist. */
  license: LicenseRow | null;
};

type Row = { holder_live: boolean | null; role: string | null; locked_until: Date | null } & {
  [K in keyof LicenseRow]: LicenseRow[K] | null;
};

/** @param lock FOR SHARE on the organization and subscription rows (see getLicense). */
export async function readDecisionFacts({
  tx,
  ctx,
  lock,
  now,
}: {
  tx: Db;
  ctx: GuardContext;
  lock: boolean;
  now: Date;
}): Promise<DecisionFacts> {
  const holderLive =
    ctx.kind === "session"
      ? Prisma.sql`(SELECT "revokedAt" IS NULL AND "userId" = ${ctx.userId}::uuid AND ${sessionWithinLifetimeSql(now)} FROM "Session" WHERE id = ${ctx.sid}::uuid)`
      : Prisma.sql`(SELECT "revokedAt" IS NULL AND "orgId" = ${ctx.orgId}::uuid FROM "ApiKey" WHERE id = ${ctx.apiKeyId}::uuid)`;
  const rows = await tx.$queryRaw<Row[]>`
    SELECT ${holderLive} AS holder_live,
           (SELECT role FROM "Membership" WHERE "orgId" = ${ctx.orgId}::uuid AND "userId" = ${ctx.userId}::uuid) AS role,
           (SELECT "lockedUntil" FROM "StepUpLockout" WHERE "userId" = ${ctx.userId}::uuid) AS locked_until,
           license.*
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (${licenseSql({ orgId: ctx.orgId, lock })}) AS license ON true`;
  const { holder_live, role, locked_until, ...license } = rows[0]!;
  return {
    holderLive: holder_live === true,
    role: role !== null && isRole(role) ? role : null,
    lockedUntil: locked_until,
    license: license.id ? (license as LicenseRow) : null,
  };
}
