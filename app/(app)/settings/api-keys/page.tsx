// /settings/api-keys — the org's API keys: create (admin, step-up; shown once), list, revoke
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-session";
import { getLicense } from "@/lib/licensing/get-license";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { PLANS, can, planAllows } from "@/lib/licensing/policy";
import { ApiKeysManager } from "./api-keys-manager";

export const dynamic = "force-dynamic";

export default async function ApiKeysPage() {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in?callbackUrl=/settings/api-keys");
  const license = await getLicense({ orgId: session.org.id });
  // The upsell shows whatever the viewer's role; managing needs the role as well.
  const forPlan = planAllows("apiKeys.create", license.plan);
  const canManage = can("apiKeys.create", { plan: license.plan, role: session.role }).ok;
  const keys = forPlan.ok ? await listApiKeys({ orgId: session.org.id }) : [];
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
        <p className="text-sm text-muted-foreground">
          Keys for scripts and integrations calling <code>/api/v1</code> on behalf of {session.org.name}. Sensitive endpoints still need a
          member&apos;s passkey approval (see the docs on step-up for API clients).
        </p>
      </div>
      <ApiKeysManager
        keys={keys}
        canManage={canManage}
        upgradePlan={forPlan.ok ? null : forPlan.plan}
        upgradePlanName={forPlan.ok ? null : PLANS[forPlan.plan].name}
        limit={license.limits.apiKeys}
      />
    </div>
  );
}
