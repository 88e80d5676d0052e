// The mailed reset link: a form for the new password while the link is live, else what
// happened to it and a way to ask again. Looking at the page spends nothing.
import type { Metadata } from "next";
import { AuthCard, DeadLinkCard, EmailInline } from "@/components/auth/auth-card";
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
      <DeadLinkCard
        testId="reset-link-dead"
        title="This reset link does not work"
        reason={TOKEN_MESSAGES[peek.ok ? "invalid" : peek.problem]}
        href="/forgot-password"
        action="Ask for a new link"
      />
    );
  }
  return (
    <AuthCard
      title="Choose a new password"
      description={
        <>
          For <EmailInline email={user.email} />. Every session of this account will be signed out, on every device.
        </>
      }
    >
      <ResetPasswordForm token={token} email={user.email} />
    </AuthCard>
  );
}
