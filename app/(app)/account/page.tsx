import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/current-session";
import { listSessions } from "@/lib/auth/sessions";
import { countFactors } from "@/lib/auth/count-factors";
import { recoveryCodeStatus } from "@/lib/factors/recovery-codes";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SessionList } from "@/components/account/session-list";
import { SignOutOthersButton } from "@/components/account/sign-out-others-button";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { RecoveryCodesCard } from "@/components/account/recovery-codes-card";
import { PasskeyManager } from "@/components/passkeys/passkey-manager";
import { TotpSection } from "@/components/factors/totp-section";
import { listPasskeys } from "@/lib/passkeys/list-passkeys";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const session = await requireSession();
  const userId = session.user.id;
  const [sessions, passkeys, factorCount, codes] = await Promise.all([
    listSessions({ userId }),
    listPasskeys({ userId }),
    countFactors({ userId }),
    recoveryCodeStatus({ userId }),
  ]);

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
        <p className="text-sm text-muted-foreground">
          {session.user.name} · {session.user.email}
        </p>
      </div>
      <Card>
        {/* PasskeyManager brings its own heading and "Add passkey" action. */}
        <CardContent className="pt-6">
          <PasskeyManager passkeys={passkeys} factorCount={factorCount} />
        </CardContent>
      </Card>
      <TotpSection userId={userId} factorCount={factorCount} />
      <Card>
        <CardContent className="pt-6">
          <RecoveryCodesCard status={{ ...codes, generatedAt: codes.generatedAt?.toISOString() ?? null }} hasFactor={factorCount > 0} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Password</CardTitle>
          <CardDescription>
            {factorCount > 0 ? "You will confirm with a passkey first. " : ""}Changing it signs out your other sessions and ends every
            recent passkey check.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm />
        </CardContent>
      </Card>
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4 space-y-0">
          <div className="space-y-1.5">
            <CardTitle>Sessions</CardTitle>
            <CardDescription>
              Every browser signed in to your account. Revoking one signs it out on its next request and ends any passkey verification it
              holds.
            </CardDescription>
          </div>
          <SignOutOthersButton others={sessions.filter((s) => s.id !== session.sid).length} />
        </CardHeader>
        <CardContent>
          <SessionList
            currentSid={session.sid}
            sessions={sessions.map((s) => ({
              id: s.id,
              userAgent: s.userAgent,
              ip: s.ip,
              createdAt: s.createdAt.toISOString(),
              lastSeenAt: s.lastSeenAt.toISOString(),
            }))}
          />
        </CardContent>
      </Card>
    </div>
  );
}
