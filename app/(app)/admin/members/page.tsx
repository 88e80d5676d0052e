import type { Metadata } from "next";
import { Mail } from "lucide-react";
import { membersRead } from "@/app/(app)/admin/reads";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/admin/card-parts";
import { EmptyState } from "@/components/ui/empty-state";
import { AdminGate } from "@/components/admin/admin-gate";
import { MembersTable } from "@/components/admin/members-table";
import { InviteDialog } from "@/components/admin/invite-dialog";
import { PendingInvites } from "@/components/admin/pending-invites";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const access = await membersRead({ input: {} });
  if (!access.ok) return <AdminGate refusal={access.error} />;
  const { members, invites, license, role, userId } = access.data;
  const seats = license.limits.seats;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>
            {members.length} {members.length === 1 ? "person" : "people"}
            {seats !== null ? ` of ${seats} seats` : ""}. Changing a role or removing someone needs a fresh passkey check; only owners can
            change owners, and an organisation always keeps one.
          </CardDescription>
          <CardAction>
            <InviteDialog actorRole={role} />
          </CardAction>
        </CardHeader>
        <CardContent>
          <MembersTable
            actorRole={role}
            actorUserId={userId}
            members={members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }))}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Pending invitations</CardTitle>
          <CardDescription>Links that have not been used yet. Withdrawing one stops its link at once.</CardDescription>
        </CardHeader>
        <CardContent>
          {invites.length === 0 ? (
            <EmptyState
              icon={Mail}
              title="No pending invitations"
              description="Invite someone by email; the link is shown to you once and expires after 7 days."
            />
          ) : (
            <PendingInvites
              invites={invites.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() }))}
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
