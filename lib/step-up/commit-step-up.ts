// The success writes of a step-up as ONE statement (commitStepUpWrites in step-up-sql.ts):
// the passkey's counter moves forward (compare-and-set), and only if it did, the grant is
// minted, the user's failure window is cleared and the success is audited. Postgres runs a
// statement atomically, so it is all of that or none of it: a lost counter race (a cloned
// authenticator, a replay, the passkey removed meanwhile) leaves no grant behind.
import "server-only";
import { db } from "@/lib/db/client";
import { logAuditEvent, type AuditEventInput } from "@/lib/audit/record-audit-event";
import { commitStepUpWrites, type CounterAdvance } from "@/lib/step-up/step-up-sql";
import type { NewGrantRow } from "@/lib/step-up/step-up-grants-sql";

/** @returns false when the counter did not move (nothing was written). */
export async function commitStepUp({
  counter,
  grant,
  audit,
  now,
}: {
  counter: CounterAdvance;
  grant: NewGrantRow;
  audit: AuditEventInput;
  now: Date;
}): Promise<boolean> {
  if (!(await commitStepUpWrites({ tx: db, counter, grant, audit, now }))) return false;
  logAuditEvent(audit);
  return true;
}
