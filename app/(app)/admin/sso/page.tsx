import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { ssoSettingsRead } from "@/app/(app)/admin/sso/reads";
import { PLANS, can, cheapestPlanWith } from "@/lib/licensing/policy";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AdminGate } from "@/components/admin/admin-gate";
import { SsoConnectionForm } from "@/components/sso/sso-connection-form";
import { RequireSsoSwitch } from "@/components/sso/require-sso-switch";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function SsoSettingsPage() {
  const access = await ssoSettingsRead({ input: {} });
  if (!access.ok) return <AdminGate refusal={access.error} area="single sign-on settings" />;
  const { role, plan, ssoOnPlan, connection, redirectUri, requireSso } = access.data;
  if (!ssoOnPlan) {
    const needed = PLANS[cheapestPlanWith("sso")].name;
    return (
      <EmptyState
        data-testid="sso-plan-required"
        icon={KeyRound}
        title={`Single sign-on is on the ${needed} plan`}
        description={
          connection
            ? `Sign-in through ${connection.issuer} is off: the ${PLANS[plan].name} plan does not include SSO. Members sign in with their password or passkey (anyone without a password can set one with "Forgot password?")${requireSso ? ', and "Require SSO for members" has no effect until SSO is back' : ""}. The connection is kept and works again after an upgrade.`
            : `Your ${PLANS[plan].name} plan signs people in with passwords and passkeys.`
        }
      />
    );
  }
  const canEdit = can("sso.configure", { plan, role }).ok;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Single sign-on (OpenID Connect)</CardTitle>
        <CardDescription>
          People whose email is on one of your domains sign in at your identity provider and join this organisation as members. Register{" "}
          <code className="break-all rounded bg-muted px-1 text-xs">{redirectUri}</code> as the redirect URI in your IdP.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {canEdit ? null : (
          <Alert>
            <AlertTitle>Read only</AlertTitle>
            <AlertDescription>Only owners can change single sign-on. You can see the settings here.</AlertDescription>
          </Alert>
        )}
        {connection ? (
          <RequireSsoSwitch requireSso={requireSso} canEdit={can("sso.require", { plan, role }).ok} domains={connection.domains} />
        ) : null}
        <SsoConnectionForm canEdit={canEdit} connection={connection} />
      </CardContent>
    </Card>
  );
}
