import type { Metadata } from "next";
import { getCurrentSession } from "@/lib/auth/current-session";
import { listSessions } from "@/lib/auth/sessions";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SessionList } from "@/components/account/session-list";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const session = (await getCurrentSession())!; // the (app) layout guarantees a session
  const sessions = await listSessions({ userId: session.user.id });

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
        <p className="text-sm text-muted-foreground">
          {session.user.name} · {session.user.email}
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Sessions</CardTitle>
          <CardDescription>
            Every browser signed in to your account. Revoking one signs it out on its next request and ends any passkey
            verification it holds.
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
