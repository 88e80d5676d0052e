// The audit log for one org: validated filters (schemas.ts) → a Prisma `where` (never raw
// SQL from the URL), offset pagination with a clamped page and an allow-listed page size,
// and the step-ups-per-day series for the chart. Dates are whole UTC days.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { selectStepUpsPerDay } from "@/lib/admin/admin-sql";
import { auditNames, describeAuditEvent } from "@/lib/admin/describe-audit-events";
import type { AuditNames } from "@/lib/admin/audit-labels";
import { AUDIT_DEFAULT_RANGE_DAYS, AUDIT_EVENT_NAMES, AUDIT_MAX_PAGE, type AuditExportQuery, type AuditQuery } from "@/lib/admin/schemas";

const DAY_MS = 86_400_000;

export type AuditEventRow = {
  id: string;
  createdAt: Date;
  actorEmail: string | null;
  actorUserId: string | null;
  action: string;
  decision: string;
  method: string | null;
  ip: string | null;
  detail: unknown;
  /** How it reads (audit-labels.ts): the same words as the CSV. */
  actionLabel: string;
  decisionLabel: string;
  actorLabel: string;
  target: string;
};

/** The filter's range as [from, toExclusive) instants; the default is the last 30 days. */
export function auditRange(
  { from, to }: { from?: string; to?: string },
  now: Date,
): { from: Date; toExclusive: Date; fromDay: string; toDay: string } {
  const today = now.toISOString().slice(0, 10);
  const toDay = to ?? today;
  const fromDay = from ?? new Date(Date.parse(`${toDay}T00:00:00Z`) - (AUDIT_DEFAULT_RANGE_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from: new Date(`${fromDay}T00:00:00Z`), toExclusive: new Date(Date.parse(`${toDay}T00:00:00Z`) + DAY_MS), fromDay, toDay };
}

export function auditWhere({ orgId, filters, now }: { orgId: string; filters: AuditExportQuery; now: Date }): Prisma.AuditEventWhereInput {
  const range = auditRange(filters, now);
  return {
    orgId,
    createdAt: { gte: range.from, lt: range.toExclusive },
    ...(filters.actor ? { actorEmail: { equals: filters.actor, mode: "insensitive" as const } } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.decision ? { decision: filters.decision } : {}),
  };
}

export function auditOrder(sort: AuditExportQuery["sort"]): Prisma.AuditEventOrderByWithRelationInput[] {
  const dir = sort === "oldest" ? "asc" : "desc";
  return [{ createdAt: dir }, { id: dir }];
}

const select = {
  id: true,
  createdAt: true,
  actorEmail: true,
  actorUserId: true,
  action: true,
  decision: true,
  method: true,
  ip: true,
  detail: true,
} as const;
type StoredEvent = { id: bigint } & Omit<AuditEventRow, "id" | "actionLabel" | "decisionLabel" | "actorLabel" | "target">;
const toRow = (e: StoredEvent, names: AuditNames): AuditEventRow => ({ ...e, id: e.id.toString(), ...describeAuditEvent(e, names) });

export async function queryAuditEvents({ tx = db, orgId, query, now }: { tx?: Db; orgId: string; query: AuditQuery; now: Date }) {
  const where = auditWhere({ orgId, filters: query, now });
  const total = await tx.auditEvent.count({ where });
  const pageCount = Math.max(1, Math.min(AUDIT_MAX_PAGE, Math.ceil(total / query.pageSize)));
  const page = Math.min(query.page, pageCount);
  const events = await tx.auditEvent.findMany({
    where,
    orderBy: auditOrder(query.sort),
    skip: (page - 1) * query.pageSize,
    take: query.pageSize,
    select,
  });
  const names = await auditNames(tx, orgId, events);
  return { events: events.map((e) => toRow(e, names)), total, page, pageCount, pageSize: query.pageSize, range: auditRange(query, now) };
}

export type StepUpDay = { day: string; succeeded: number; failed: number };

/**
 * Step-ups per UTC day over the filter's range (and actor, if given): successful
 * verifications against failed or refused ones (wrong passkey, lockout). Days without
 * any are zeros, so the chart's x-axis is the whole range.
 */
export async function stepUpsPerDay({
  tx = db,
  orgId,
  filters,
  now,
}: {
  tx?: Db;
  orgId: string;
  filters: AuditExportQuery;
  now: Date;
}): Promise<StepUpDay[]> {
  const range = auditRange(filters, now);
  const rows = await selectStepUpsPerDay({
    tx,
    orgId,
    from: range.from,
    toExclusive: range.toExclusive,
    actorEmail: filters.actor || null,
  });
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const days: StepUpDay[] = [];
  for (let t = range.from.getTime(); t < range.toExclusive.getTime(); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const r = byDay.get(day);
    days.push({ day, succeeded: r?.succeeded ?? 0, failed: r?.failed ?? 0 });
  }
  return days;
}

/** The step-up and other non-action events present in the org's log (for the action filter). */
export async function auditEventNamesPresent({ tx = db, orgId }: { tx?: Db; orgId: string }): Promise<string[]> {
  const rows = await tx.auditEvent.findMany({
    where: { orgId, action: { in: [...AUDIT_EVENT_NAMES] } },
    distinct: ["action"],
    select: { action: true },
  });
  return rows.map((r) => r.action).sort();
}
