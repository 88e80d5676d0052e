// /settings/api-keys — the org's API keys: create (admin, step-up; shown once), list, revoke.
// The list is a guarded read (apiKeys.view): on a plan without API access the guard's
// plan_required refusal is what the page shows as the upsell.
import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/current-session";
import { PLANS } from "@/lib/licensing/policy";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { apiKeysRead } from "./reads";
import { ApiKeysManager } from "./api-keys-manager";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const session = await requireSession();
  const result = await apiKeysRead({ input: {} });
  const upsell = !result.ok && result.error.kind === "plan_required" ? result.error.plan : null;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
        <p className="text-sm text-muted-foreground">
          Keys for scripts and integrations calling <code>/api/v1</code> on behalf of {session.org.name}. Sensitive endpoints still need a
          member&apos;s passkey approval (see the docs on step-up for API clients).
        </p>
      </div>
      {result.ok || upsell ? (
        <ApiKeysManager
          keys={result.ok ? result.data.keys : []}
          canManage={result.ok && result.data.canManage}
          upgradePlan={upsell}
          upgradePlanName={upsell ? PLANS[upsell].name : null}
          limit={result.ok ? result.data.limit : 0}
        />
      ) : (
        <Alert variant="destructive">
          <AlertTitle>API keys are not available</AlertTitle>
          <AlertDescription>{result.error.message}</AlertDescription>
        </Alert>
      )}
    </div>
  );
}
