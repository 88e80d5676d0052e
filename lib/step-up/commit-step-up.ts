// The success writes of a step-up as ONE statement: the passkey's counter moves forward
// (compare-and-set), and only if it did, the grant is minted, the user's failure window is
// cleared and the success is audited. Postgres runs a statement atomically, so it is all
// of that or none of it: a lost counter race (a cloned authenticator, a replay, the passkey
// removed meanwhile) leaves no grant behind. One round trip instead of four.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { auditEventInsert, logAuditEvent, type AuditEventInput } from "@/lib/audit/record-audit-event";
import { grantInsert, type NewGrant } from "@/lib/step-up/grants";
import { advanceCounterSql, type CounterAdvance } from "@/lib/step-up/verify-assertion";

/** @returns false when the counter did not move (nothing was written). */
export async function commitStepUp({
  counter,
  grant,
  audit,
  now,
}: {
  counter: CounterAdvance;
  grant: NewGrant;
  audit: AuditEventInput;
  now: Date;
}): Promise<boolean> {
  const advanced = Prisma.sql`EXISTS (SELECT 1 FROM advanced)`;
  const minted = Prisma.sql`EXISTS (SELECT 1 FROM minted)`;
  // Each data-modifying CTE runs exactly once whether or not it is read; they see one
  // snapshot and pass results only through RETURNING, hence the EXISTS gates.
  const [row] = await db.$queryRaw<{ minted: boolean }[]>`
    WITH advanced AS (${advanceCounterSql(counter, now)}),
         minted AS (${grantInsert(grant, advanced)} RETURNING id),
         cleared AS (DELETE FROM "StepUpFailure" WHERE "userId" = ${grant.userId}::uuid AND ${minted}),
         audited AS (${auditEventInsert({ ...audit, at: now }, minted)})
    SELECT ${minted} AS minted`;
  if (!row?.minted) return false;
  logAuditEvent(audit);
  return true;
}
