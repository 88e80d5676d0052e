// The mailed reset link: a form for the new password while the link is live, else what
// happened to it and a way to ask again. Looking at the page spends nothing.
import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { db } from "@/lib/db/client";
import { peekEmailToken, TOKEN_MESSAGES } from "@/lib/auth/email-tokens";
import { now } from "@/lib/clock";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const peek = await peekEmailToken({ tx: db, token, purpose: "reset_password", now: await now() });
  const user = peek.ok ? await db.user.findUnique({ where: { id: peek.userId }, select: { email: true } }) : null;
  if (!peek.ok || !user) {
    return (
      <Card data-testid="reset-link-dead">
        <CardHeader>
          <CardTitle className="text-xl">This reset link does not work</CardTitle>
          <CardDescription>{TOKEN_MESSAGES[peek.ok ? "invalid" : peek.problem]}</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild className="w-full">
            <Link href="/forgot-password">Ask for a new link</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Choose a new password</CardTitle>
        <CardDescription>
          For <span className="font-medium text-foreground break-all">{user.email}</span>. Every session of this account will be signed out,
          on every device.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ResetPasswordForm token={token} email={user.email} />
      </CardContent>
    </Card>
  );
}
