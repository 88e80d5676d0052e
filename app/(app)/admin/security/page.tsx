import type { Metadata } from "next";
import { ShieldCheck } from "lucide-react";
import { securityPolicyRead } from "@/app/(app)/admin/reads";
import { securityPolicyRows } from "@/lib/admin/security-policy";
import { PLANS, can, planAllows } from "@/lib/licensing/policy";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AdminGate } from "@/components/admin/admin-gate";
import { SecurityPolicyForm } from "@/components/admin/security-policy-form";

export const metadata: Metadata = { title: "Security policy" };

export default async function SecurityPolicyPage() {
  const access = await securityPolicyRead({ input: {} });
  if (!access.ok) return <AdminGate refusal={access.error} />;
  const { license, role } = access.data;
  if (!planAllows("security.updatePolicy", license.plan).ok) {
    return (
      <EmptyState
        icon={ShieldCheck}
        title="Custom step-up policy is on Enterprise"
        description={`Your ${PLANS[license.plan].name} plan uses the default step-up levels.`}
      />
    );
  }
  const rows = securityPolicyRows({ plan: license.plan, overrides: license.stepUpOverrides });
  const canEdit = can("security.updatePolicy", { plan: license.plan, role }).ok;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Step-up policy</CardTitle>
        <CardDescription>
          How recently someone must have confirmed it was them before each action, and with which factors. You can make any action stricter
          than the {PLANS[license.plan].name} plan&apos;s default, never looser. Changes apply from the next request.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {canEdit ? null : (
          <Alert>
            <AlertDescription>Only owners can change the security policy. You can see it here.</AlertDescription>
          </Alert>
        )}
        <SecurityPolicyForm canEdit={canEdit} rows={rows.map((r) => ({ ...r, planDefault: undefined }))} />
      </CardContent>
    </Card>
  );
}
