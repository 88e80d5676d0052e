// The invitation link: who invited you to what, and one button to join. Every state that
// cannot be accepted says why and what to do instead.
import type { Metadata } from "next";
import Link from "next/link";
import { MailCheck, MailWarning, UserRoundX } from "lucide-react";
import { requireSession } from "@/lib/auth/current-session";
import { findInvite } from "@/lib/admin/find-invite";
import { now } from "@/lib/clock";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AcceptInviteButton } from "@/components/admin/accept-invite-button";
import { ResendVerificationButton } from "@/components/auth/resend-verification-button";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Invitation" };

const date = new Intl.DateTimeFormat("en", { dateStyle: "long" });
const back = (
  <Button variant="outline" asChild>
    <Link href="/dashboard">Go to your dashboard</Link>
  </Button>
);

// long: one token page: each state of the invitation (dead, wrong account, signed out, ready) renders from the same looked-up row
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const session = await requireSession();
  const invite = await findInvite({ token, now: await now() });

  let body: React.ReactNode;
  if (!invite.found) {
    body = (
      <EmptyState
        icon={MailWarning}
        title="This invitation link is not valid"
        description="Check that you copied the whole link, or ask an admin of the organisation for a new one."
        action={back}
      />
    );
  } else if (invite.status === "accepted") {
    const member = session.memberships.some((m) => m.orgId === invite.orgId);
    body = (
      <EmptyState
        icon={MailCheck}
        title="This invitation has already been used"
        description={member ? `You are a member of ${invite.orgName}.` : "Ask an admin of the organisation for a new one."}
        action={back}
      />
    );
  } else if (invite.status === "revoked") {
    body = (
      <EmptyState
        icon={MailWarning}
        title="This invitation was withdrawn"
        description={`Ask an admin of ${invite.orgName} for a new one.`}
        action={back}
      />
    );
  } else if (invite.status === "expired") {
    body = (
      <EmptyState
        icon={MailWarning}
        title="This invitation has expired"
        description={`It was valid until ${date.format(invite.expiresAt)}. Ask an admin of ${invite.orgName} for a new one.`}
        action={back}
      />
    );
  } else if (invite.email.toLowerCase() !== session.user.email.toLowerCase()) {
    body = (
      <EmptyState
        icon={UserRoundX}
        title="This invitation is for someone else"
        description={`It was sent to ${invite.email}, and you are signed in as ${session.user.email}. Sign out and sign in (or sign up) with the invited address to accept it.`}
        action={back}
      />
    );
  } else if (!(await db.user.findUnique({ where: { id: session.user.id }, select: { emailVerifiedAt: true } }))?.emailVerifiedAt) {
    // acceptInvite refuses too; this says so before the person clicks.
    body = (
      <EmptyState
        icon={MailWarning}
        title="Confirm your email address first"
        description={`To join ${invite.orgName}, open the link we mailed to ${session.user.email}, then come back to this invitation. Lost the mail? Send a new link.`}
        action={
          <div className="flex flex-wrap justify-center gap-2" data-testid="invite-unverified">
            <ResendVerificationButton variant="default" />
            {back}
          </div>
        }
      />
    );
  } else {
    body = (
      <Card className="mx-auto max-w-md" data-testid="invite-card">
        <CardHeader>
          <CardTitle>Join {invite.orgName}</CardTitle>
          <CardDescription>
            You have been invited to join {invite.orgName} as {invite.role === "admin" ? "an admin" : `a ${invite.role}`}. The invitation is
            valid until {date.format(invite.expiresAt)}.
          </CardDescription>
        </CardHeader>
        <CardContent className="text-sm text-muted-foreground">Signed in as {session.user.email}.</CardContent>
        <CardFooter className="justify-end gap-2">
          {back}
          <AcceptInviteButton token={token} />
        </CardFooter>
      </Card>
    );
  }
  return <div className="mx-auto max-w-2xl py-8">{body}</div>;
}
