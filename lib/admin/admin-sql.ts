// The admin console's statements (see lib/db/README.md); its lists and counts use the
// Prisma API (query-audit-events.ts). The chart's series is raw: it groups by UTC day. The
// row locks are raw because the Prisma API cannot say FOR UPDATE.
import "server-only";
import type { Db } from "@/lib/db/client";
import { col, firstRow, mapRows } from "@/lib/db/row";

export type StepUpDayCounts = { day: string; succeeded: number; failed: number };

/**
 * Step-up verifications per UTC day in [from, toExclusive), optionally of one actor (email,
 * compared lowercased; null for everyone): successes against failures, refusals and lockouts.
 * Only days with any come back.
 */
export async function selectStepUpsPerDay({
  tx,
  orgId,
  from,
  toExclusive,
  actorEmail,
}: {
  tx: Db;
  orgId: string;
  from: Date;
  toExclusive: Date;
  actorEmail: string | null;
}): Promise<StepUpDayCounts[]> {
  const rows = await tx.$queryRaw`
    SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day,
           count(*) FILTER (WHERE decision = 'succeeded') AS succeeded,
           count(*) FILTER (WHERE decision IN ('failed', 'refused', 'locked')) AS failed
      FROM "AuditEvent"
     WHERE "orgId" = ${orgId}::uuid
       AND action = 'step_up.verify'
       AND "createdAt" >= ${from} AND "createdAt" < ${toExclusive}
       AND (${actorEmail}::text IS NULL OR lower("actorEmail") = ${actorEmail}::text)
     GROUP BY 1`;
  return mapRows(rows, (r) => ({ day: col.text(r, "day"), succeeded: col.int(r, "succeeded"), failed: col.int(r, "failed") }));
}

/** The org's owners' user ids, their memberships locked FOR UPDATE in id order (lockOwners in member-rules.ts says why). */
export async function selectOwnersForUpdate({ tx, orgId }: { tx: Db; orgId: string }): Promise<string[]> {
  const rows = await tx.$queryRaw`
    SELECT m."userId" FROM "Membership" m
     WHERE m."orgId" = ${orgId}::uuid AND m.role = 'owner'
     ORDER BY m.id
       FOR UPDATE`;
  return mapRows(rows, (r) => col.text(r, "userId"));
}

/** The id of the invitation with this token hash, its row locked FOR UPDATE; null if there is none. */
export async function lockInviteByTokenHash({ tx, tokenHash }: { tx: Db; tokenHash: string }): Promise<string | null> {
  const rows = await tx.$queryRaw`SELECT i.id FROM "Invite" i WHERE i."tokenHash" = ${tokenHash} FOR UPDATE`;
  return firstRow(rows, (r) => col.text(r, "id"));
}
