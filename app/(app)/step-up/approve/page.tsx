// /step-up/approve?code=XXXX-XXXX — the key's creator or an org admin approves (passkey) or denies an API client's step-up request (device flow)
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-session";
import { lookupApprovalRequest, throttledMessage, type ApprovalLookup } from "@/lib/api-keys/lookup-approval";
import { APPROVAL_UNAVAILABLE_MESSAGE } from "@/lib/api-keys/approval-request";
import { clientIp } from "@/lib/http/client-ip";
import { now as clockNow } from "@/lib/clock";
import { ACTIONS } from "@/lib/licensing/policy";
import { ZUserCodeSchema } from "@/lib/step-up/schemas";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { ApproveRequest, CodeForm } from "./approve-request";

export const metadata: Metadata = { title: "Approve a request" };

export const dynamic = "force-dynamic";

export default async function ApprovePage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  const session = await getCurrentSession();
  if (!session) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/step-up/approve${code ? `?code=${code}` : ""}`)}`);

  const parsed = code ? ZUserCodeSchema.safeParse(code) : null;
  let lookup: ApprovalLookup = { kind: "unavailable" };
  if (parsed?.success) {
    const h = await headers();
    const approver = { userId: session.user.id, sessionId: session.sid, ip: clientIp((name) => h.get(name)) };
    lookup = await lookupApprovalRequest({ userCode: parsed.data, approver, now: await clockNow() });
  }

  return (
    <div className="mx-auto max-w-lg space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>Approve an API request</CardTitle>
          <CardDescription>
            A script or integration using one of your organisation&apos;s API keys is asking for a passkey check.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {!code ? (
            <CodeForm />
          ) : lookup.kind !== "found" ? (
            // One answer for every reason (unknown, expired, used, another org's, not yours to
            // approve): the page must not confirm that a code or an org exists.
            <>
              <Alert variant="destructive" role="alert">
                <AlertDescription>
                  {lookup.kind === "throttled" ? throttledMessage(lookup.retryAfter) : APPROVAL_UNAVAILABLE_MESSAGE}
                </AlertDescription>
              </Alert>
              <CodeForm />
            </>
          ) : (
            <ApproveRequest
              code={lookup.request.userCode}
              orgName={lookup.request.org.name}
              keyName={lookup.request.key.name}
              keyPrefix={lookup.request.key.prefix}
              actionLabel={ACTIONS[lookup.request.actionId].label}
              expiresAt={lookup.request.expiresAt.toISOString()}
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
