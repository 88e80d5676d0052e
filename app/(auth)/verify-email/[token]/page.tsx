// The mailed verification link. It confirms only inside a signed-in session of the account
// it was sent for (lib/auth/verify-email.ts says why), so a signed-out visitor signs in
// first and comes back here; confirming is a button (a POST), never the page load.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
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
      <Card data-testid="email-verified">
        <CardHeader>
          <CardTitle className="text-xl">Your address is confirmed</CardTitle>
          <CardDescription>{session.user.email} is confirmed. There is nothing more to do.</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild className="w-full">
            <Link href="/dashboard">Go to your dashboard</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }
  if (problem) {
    return (
      <Card data-testid="verify-link-dead">
        <CardHeader>
          <CardTitle className="text-xl">This link does not work</CardTitle>
          <CardDescription>{TOKEN_MESSAGES[problem]}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap gap-2">
          {user.emailVerifiedAt ? null : <ResendVerificationButton variant="default" />}
          <Button asChild variant="outline" size="sm">
            <Link href="/dashboard">Go to your dashboard</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Confirm your email address</CardTitle>
        <CardDescription>
          Confirm that <span className="font-medium text-foreground break-all">{session.user.email}</span> is yours. You can then accept
          invitations to other organisations.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmEmailButton token={token} />
      </CardContent>
    </Card>
  );
}
