// The SSO settings page's read (app/(app)/admin/sso/reads.ts), on the guard's transaction:
// who is looking and the public view of the connection (never its secret), plus whether the
// org's plan still has SSO, so a downgraded org's owner sees why sign-in through it stopped,
// and whether members must sign in through it (Require SSO).
import "server-only";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import { ssoOnPlan } from "@/lib/sso/sso-on-plan";
import { getSsoConnection } from "@/lib/sso/get-connection";
import { SSO_REDIRECT_PATH } from "@/lib/sso/sso-schemas";
import { env } from "@/lib/env";

export async function viewSsoSettings({ ctx, tx, license, role }: GuardedBodyArgs<Record<string, never>, SessionContext>) {
  // Require SSO is not part of the public connection view (every API answer about a connection
  // shares that shape); only this page shows it.
  const required = await tx.ssoConnection.findUnique({ where: { orgId: ctx.orgId }, select: { requireSso: true } });
  return {
    requireSso: required?.requireSso ?? false,
    role,
    plan: license.plan,
    ssoOnPlan: ssoOnPlan(license.plan),
    connection: await getSsoConnection({ tx, orgId: ctx.orgId }),
    redirectUri: `${env().origin}${SSO_REDIRECT_PATH}`,
  };
}
