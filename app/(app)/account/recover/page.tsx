// /account/recover — lost your passkey? A recovery code lets this session enrol a new one
// (it never confirms an action by itself). A session that already holds the permission (a
// reload after the code was accepted) goes straight to enrolment.
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/current-session";
import { liveReplacement } from "@/lib/factors/replacement-permission";
import { recoveryCodeStatus } from "@/lib/factors/recovery-codes";
import { now } from "@/lib/clock";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RecoverForm } from "@/components/account/recover-form";

export const metadata: Metadata = { title: "Use a recovery code" };

export default async function RecoverPage() {
  const session = await requireSession();
  const [permission, status] = await Promise.all([
    liveReplacement({ userId: session.user.id, sessionId: session.sid, now: await now() }),
    recoveryCodeStatus({ userId: session.user.id }),
  ]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Lost your passkey?</h1>
        <p className="text-sm text-muted-foreground">
          Use one of the recovery codes you saved when you added your first passkey to add a new one.{" "}
          <Link href="/account" className="underline underline-offset-4">
            Back to your account
          </Link>
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Use a recovery code</CardTitle>
          <CardDescription>
            {status.remaining > 0 || permission
              ? "Each code works once. It lets this browser add one new passkey in the next 10 minutes; you then confirm actions with that passkey."
              : "You have no unused recovery codes. Without one, a new passkey can be added only by confirming with a passkey you still have, for example one synced to your phone (choose “Use another device” in the prompt)."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {(status.remaining > 0 || permission) && (
            <RecoverForm
              initial={
                permission
                  ? { step: "enrol", expiresAt: permission.expiresAt.toISOString(), remaining: status.remaining }
                  : { step: "code" }
              }
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
