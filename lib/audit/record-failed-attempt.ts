// A signed-in user's failed attempt at a door (a wrong password re-entry, a wrong code, a
// passkey that did not register): one shape of audit row, so every door reads the same in
// the log — the user as actor, decision "failed", and the reason a reviewer filters on.
import "server-only";
import type { Db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export function recordFailedAttempt({
  tx,
  orgId,
  userId,
  action,
  method,
  reason,
  ip,
  now,
}: {
  tx?: Db;
  orgId: string | null;
  userId: string;
  /** The event, e.g. "passkey.register". */
  action: string;
  method: string;
  reason: string;
  ip: string | null;
  now: Date;
}): Promise<void> {
  return recordAuditEvent({
    tx,
    orgId,
    actor: { type: "user", userId },
    action,
    decision: "failed",
    method,
    detail: { reason },
    ip,
    at: now,
  });
}
