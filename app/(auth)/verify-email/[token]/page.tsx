// The mailed verification link. It confirms only inside a signed-in session of the account
// it was sent for (lib/auth/verify-email.ts says why), so a signed-out visitor signs in
// first and comes back here; confirming is a button (a POST), never the page load.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard, DeadLinkCard, EmailInline } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { ConfirmEmailButton } from "@/components/auth/confirm-email-button";
import { ResendVerificationButton } from "@/components/auth/resend-verification-button";
import { getCurrentSession } from "@/lib/auth/current-session";
import { peekEmailToken, TOKEN_MESSAGES, ZEmailTokenSchema } from "@/lib/auth/email-tokens";
import { db } from "@/lib/db/client";
import { now } from "@/lib/clock";

export const metadata: Metadata = { title: "Confirm your email address" };

export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const session = await getCurrentSession();
  if (!session) {
    // Only a well-formed token goes into the callback (it is our own path either way).
    const back = ZEmailTokenSchema.safeParse(token).success ? `/verify-email/${token}` : "/dashboard";
    redirect(`/sign-in?reason=verify&callbackUrl=${encodeURIComponent(back)}`);
  }
  const user = await db.user.findUniqueOrThrow({ where: { id: session.user.id }, select: { emailVerifiedAt: true } });
  const peek = await peekEmailToken({ tx: db, token, purpose: "verify_email", now: await now() });
  const problem = !peek.ok ? peek.problem : peek.userId !== session.user.id ? "other_user" : null;

  if (user.emailVerifiedAt && problem !== "other_user") {
    return (
      <DeadLinkCard
        testId="email-verified"
        title="Your address is confirmed"
        reason={`${session.user.email} is confirmed. There is nothing more to do.`}
        href="/dashboard"
        action="Go to your dashboard"
      />
    );
  }
  if (problem) {
    return (
      <AuthCard
        testId="verify-link-dead"
        title="This link does not work"
        description={TOKEN_MESSAGES[problem]}
        contentClassName="flex flex-wrap gap-2"
      >
        {user.emailVerifiedAt ? null : <ResendVerificationButton variant="default" />}
        <Button asChild variant="outline" size="sm">
          <Link href="/dashboard">Go to your dashboard</Link>
        </Button>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Confirm your email address"
      description={
        <>
          Confirm that <EmailInline email={session.user.email} /> is yours. You can then accept invitations to other organisations.
        </>
      }
    >
      <ConfirmEmailButton token={token} />
    </AuthCard>
  );
}
