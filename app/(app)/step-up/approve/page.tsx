// /step-up/approve?code=XXXX-XXXX — a member approves an API client's step-up request with a passkey (device flow)
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-session";
import { loadApprovalRequest } from "@/lib/api-keys/device-flow";
import { now as clockNow } from "@/lib/clock";
import { ACTIONS, isActionId, roleAtLeast } from "@/lib/licensing/policy";
import { ZUserCodeSchema } from "@/lib/step-up/schemas";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { ApproveRequest, CodeForm } from "./approve-request";

export const dynamic = "force-dynamic";

export default async function ApprovePage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  const session = await getCurrentSession();
  if (!session) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/step-up/approve${code ? `?code=${code}` : ""}`)}`);

  const parsed = code ? ZUserCodeSchema.safeParse(code) : null;
  const request = parsed?.success ? await loadApprovalRequest({ userCode: parsed.data, now: await clockNow() }) : null;
  const membership = request ? session.memberships.find((m) => m.orgId === request.org.id) : undefined;
  const allowed = request && isActionId(request.actionId) && membership && roleAtLeast(membership.role, ACTIONS[request.actionId].minRole);

  return (
    <div className="mx-auto max-w-lg space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>Approve an API request</CardTitle>
          <CardDescription>A script or integration using one of your organisation&apos;s API keys is asking for a passkey check.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {!code ? (
            <CodeForm />
          ) : !request ? (
            <>
              <Alert variant="destructive" role="alert">
                <AlertDescription>That code has expired, was already used, or does not exist. Ask the API client to start again.</AlertDescription>
              </Alert>
              <CodeForm />
            </>
          ) : !allowed ? (
            <Alert variant="destructive" role="alert">
              <AlertDescription>
                Only {request.actionId && isActionId(request.actionId) ? `${ACTIONS[request.actionId].minRole}s` : "members"} of {request.org.name} can approve this request.
              </AlertDescription>
            </Alert>
          ) : (
            <ApproveRequest
              code={parsed!.success ? parsed!.data : ""}
              orgName={request.org.name}
              keyName={request.key.name}
              keyPrefix={request.key.prefix}
              actionLabel={ACTIONS[request.actionId as keyof typeof ACTIONS].label}
              expiresAt={request.expiresAt.toISOString()}
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
