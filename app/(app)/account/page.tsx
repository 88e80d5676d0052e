import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/current-session";
import { listSessions } from "@/lib/auth/sessions";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SessionList } from "@/components/account/session-list";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PasskeyManager } from "@/components/passkeys/passkey-manager";
import { listPasskeys } from "@/lib/passkeys/list-passkeys";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const session = await requireSession();
  const [sessions, passkeys] = await Promise.all([listSessions({ userId: session.user.id }), listPasskeys({ userId: session.user.id })]);

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
          <PasskeyManager passkeys={passkeys} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Password</CardTitle>
          <CardDescription>Changing it signs out your other sessions and ends every recent passkey check.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Sessions</CardTitle>
          <CardDescription>
            Every browser signed in to your account. Revoking one signs it out on its next request and ends any passkey verification it
            holds.
          </CardDescription>
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
