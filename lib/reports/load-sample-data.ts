// Reports → "Load sample data" (reports.loadSampleData): an empty org fills itself with sample
// customers and invoices to try reports and exports. Refused once the org has any invoice.
import "server-only";
import { refuseFromBody, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import { seedDemoData } from "@/lib/seed/demo-data";
import type { SessionContext } from "@/lib/guard/context";

export async function loadSampleData({ ctx, tx, now }: GuardedBodyArgs<Record<string, never>, SessionContext>) {
  if ((await tx.invoice.count({ where: { orgId: ctx.orgId }, take: 1 })) > 0) {
    refuseFromBody({ kind: "invalid", fields: {}, message: "This organisation already has data." });
  }
  return seedDemoData({ db: tx, orgId: ctx.orgId, invoices: 1000, now });
}
