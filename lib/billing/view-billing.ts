// The billing page's data (billing.view, owners): a guarded read (app/(app)/billing/reads.ts)
// whose body reads on the guard's transaction (see getBillingOverview for why).
import "server-only";
import { getBillingOverview } from "@/lib/billing/get-billing-overview";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";

export async function viewBillingOverview({ ctx, tx }: GuardedBodyArgs<Record<string, never>, SessionContext>) {
  // The SSO connection's domains name who a downgrade moves off SSO (lib/billing/plan-losses.ts).
  const ssoDomains = (await tx.ssoDomain.findMany({ where: { connection: { orgId: ctx.orgId } }, orderBy: { domain: "asc" } })).map(
    (d) => d.domain,
  );
  return { ...(await getBillingOverview({ tx, orgId: ctx.orgId })), ssoDomains };
}
