// The license statements (see lib/db/README.md). The license row is read on every guarded
// request, so it is one indexed query (organization ⟕ subscription ⟕ security policy),
// embeddable so the step-up reads it in the same round trip as the lockout it also needs
// (guard_decide, a database function, returns the same columns under the same names).
// Bench rows: "guard", "guard-decision", "step-up-verify".
import "server-only";
import type pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { col, firstRow, mapRows, type RawRow } from "@/lib/db/row";

/** The organisation with its subscription and security policy, as the license reads them. */
export type LicenseRow = {
  id: string;
  sub_status: string | null;
  sub_plan: string | null;
  price_lookup_key: string | null;
  current_period_end: Date | null;
  cancel_at_period_end: boolean | null;
  trial_end: Date | null;
  seats: number | null;
  past_due_since: Date | null;
  overrides: unknown;
};

const LICENSE_COLUMNS = Prisma.sql`
  o.id,
  s.status              AS sub_status,
  s.plan                AS sub_plan,
  s."priceLookupKey"    AS price_lookup_key,
  s."currentPeriodEnd"  AS current_period_end,
  s."cancelAtPeriodEnd" AS cancel_at_period_end,
  s."trialEnd"          AS trial_end,
  s.seats               AS seats,
  s."pastDueSince"      AS past_due_since,
  p.overrides           AS overrides`;

/** The license row of `orgId` (no row if the organisation does not exist). */
export function licenseSql({ orgId }: { orgId: string }): Prisma.Sql {
  return Prisma.sql`
    SELECT ${LICENSE_COLUMNS}
      FROM "Organization" o
      LEFT JOIN LATERAL (SELECT * FROM "Subscription" WHERE "orgId" = o.id) s ON TRUE
      LEFT JOIN "OrgSecurityPolicy" p ON p."orgId" = o.id
     WHERE o.id = ${orgId}::uuid`;
}

/**
 * licenseSql with FOR SHARE on the organization and subscription rows. The webhook sync
 * updates both (FOR NO KEY UPDATE / UPDATE), so a caller that reads its license this way
 * inside its transaction serialises with a concurrent plan change.
 */
export function licenseForShareSql({ orgId }: { orgId: string }): Prisma.Sql {
  return Prisma.sql`
    SELECT ${LICENSE_COLUMNS}
      FROM "Organization" o
      LEFT JOIN LATERAL (SELECT * FROM "Subscription" WHERE "orgId" = o.id FOR SHARE) s ON TRUE
      LEFT JOIN "OrgSecurityPolicy" p ON p."orgId" = o.id
     WHERE o.id = ${orgId}::uuid
       FOR SHARE OF o`;
}

/** The license columns of a row (its other columns ignored); null when `id` is null (no such org). */
export function toLicenseRow(row: RawRow): LicenseRow | null {
  const id = col.textOrNull(row, "id");
  if (id === null) return null;
  return {
    id,
    sub_status: col.textOrNull(row, "sub_status"),
    sub_plan: col.textOrNull(row, "sub_plan"),
    price_lookup_key: col.textOrNull(row, "price_lookup_key"),
    current_period_end: col.dateOrNull(row, "current_period_end"),
    cancel_at_period_end: col.boolOrNull(row, "cancel_at_period_end"),
    trial_end: col.dateOrNull(row, "trial_end"),
    seats: col.intOrNull(row, "seats"),
    past_due_since: col.dateOrNull(row, "past_due_since"),
    overrides: col.json(row, "overrides"),
  };
}

export async function selectLicense({ tx, orgId }: { tx: Db; orgId: string }): Promise<LicenseRow | null> {
  return firstRow(await tx.$queryRaw`${licenseSql({ orgId })}`, toLicenseRow);
}

export async function selectLicenseForShare({ tx, orgId }: { tx: Db; orgId: string }): Promise<LicenseRow | null> {
  return firstRow(await tx.$queryRaw`${licenseForShareSql({ orgId })}`, toLicenseRow);
}

export type LapseCandidate = {
  orgId: string;
  status: string;
  plan: string;
  priceLookupKey: string | null;
  currentPeriodEnd: Date | null;
  pastDueSince: Date | null;
  noticedPlan: string;
};

/**
 * A cheap superset of the subscriptions whose access changed by time alone (resolveAccess
 * decides), claimed FOR UPDATE SKIP LOCKED so concurrent sweepers split them.
 */
export async function claimLapseCandidates({
  tx,
  periodEndedBefore,
  pastDueBefore,
  limit,
}: {
  tx: Db;
  periodEndedBefore: Date;
  pastDueBefore: Date;
  limit: number;
}): Promise<LapseCandidate[]> {
  const rows = await tx.$queryRaw`
    SELECT "orgId", status, plan, "priceLookupKey", "currentPeriodEnd", "pastDueSince", "noticedPlan"
      FROM "Subscription"
     WHERE "noticedPlan" <> 'free'
       AND ("currentPeriodEnd" <= ${periodEndedBefore} OR "pastDueSince" <= ${pastDueBefore})
     ORDER BY "orgId"
     LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`;
  return mapRows(rows, (r) => ({
    orgId: col.text(r, "orgId"),
    status: col.text(r, "status"),
    plan: col.text(r, "plan"),
    priceLookupKey: col.textOrNull(r, "priceLookupKey"),
    currentPeriodEnd: col.dateOrNull(r, "currentPeriodEnd"),
    pastDueSince: col.dateOrNull(r, "pastDueSince"),
    noticedPlan: col.text(r, "noticedPlan"),
  }));
}

/** The channel of license changes: applyPlanChange notifies it, lib/licensing/license-events.ts LISTENs to it. */
export const LICENSE_CHANGED_CHANNEL = "license_changed";

/**
 * NOTIFY license_changed(orgId). Postgres delivers it only if the transaction commits, so
 * open browsers never see a change that rolled back. pg_notify, not NOTIFY: NOTIFY takes no
 * bind parameters.
 */
export async function notifyLicenseChanged({ tx, orgId }: { tx: Db; orgId: string }): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${LICENSE_CHANGED_CHANNEL}, ${orgId})`;
}

/**
 * Which of `sessionIds` are still live (not revoked, not deleted): the LISTEN hub's catch-up
 * after a reconnect, on its own LISTEN connection (lib/licensing/license-events.ts), so it
 * needs no pooled one. Unnamed, run with the statement's text and values.
 */
export async function selectLiveSessionIdsPg({ client, sessionIds }: { client: pg.ClientBase; sessionIds: string[] }): Promise<string[]> {
  const sql = Prisma.sql`
    SELECT s.id FROM unnest(${sessionIds}::uuid[]) AS wanted(id) JOIN "Session" s ON s.id = wanted.id WHERE s."revokedAt" IS NULL`;
  return mapRows((await client.query(sql.text, sql.values)).rows, (r) => col.text(r, "id"));
}
