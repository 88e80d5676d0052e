import type { Metadata } from "next";
import { MonitorSmartphone } from "lucide-react";
import { memberSessionsRead } from "@/app/(app)/admin/reads";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AdminGate } from "@/components/admin/admin-gate";
import { MemberSessionsTable } from "@/components/admin/member-sessions-table";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  const access = await memberSessionsRead({ input: {} });
  if (!access.ok) return <AdminGate refusal={access.error} />;
  const { sessions, sid, role } = access.data;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Sessions</CardTitle>
        <CardDescription>
          Every browser where a member of this organisation is signed in. Revoking one signs it out on its next request and ends any passkey
          verification it holds.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {sessions.length === 0 ? (
          <EmptyState icon={MonitorSmartphone} title="No one is signed in" description="Sessions appear here when members sign in." />
        ) : (
          <MemberSessionsTable
            currentSid={sid}
            actorRole={role}
            sessions={sessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() }))}
          />
        )}
      </CardContent>
    </Card>
  );
}
