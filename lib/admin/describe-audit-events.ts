// The names an audit page or CSV batch needs (people and API keys), in two reads per batch,
// and each event with its human labels (audit-labels.ts).
import "server-only";
import type { Db } from "@/lib/db/client";
import { AUDIT_DECISION_LABELS, auditActionLabel, auditActor, auditIds, auditTarget, type AuditNames } from "@/lib/admin/audit-labels";

type EventFacts = { actorUserId: string | null; actorEmail: string | null; action: string; decision: string; detail: unknown };

export async function auditNames(tx: Db, orgId: string, events: EventFacts[]): Promise<AuditNames> {
  const ids = events.map(auditIds);
  const userIds = [...new Set(ids.flatMap((i) => i.userIds))];
  const keyIds = [...new Set(ids.flatMap((i) => (i.apiKeyId ? [i.apiKeyId] : [])))];
  const [users, keys] = await Promise.all([
    userIds.length ? tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : [],
    // Only this org's keys: an id in another org's detail never lends its name here.
    keyIds.length ? tx.apiKey.findMany({ where: { id: { in: keyIds }, orgId }, select: { id: true, name: true } }) : [],
  ]);
  return { users: new Map(users.map((u) => [u.id, { name: u.name, email: u.email }])), apiKeys: new Map(keys.map((k) => [k.id, k.name])) };
}

export function describeAuditEvent(e: EventFacts, names: AuditNames) {
  return {
    actionLabel: auditActionLabel(e.action),
    decisionLabel: AUDIT_DECISION_LABELS[e.decision] ?? auditActionLabel(e.decision),
    actorLabel: auditActor(e, names),
    target: auditTarget(e.detail, names),
  };
}
