// /not-me/<token> — the "this wasn't me" link of a security notice. Looking spends nothing;
// the button does it (lib/auth/not-me.ts).
import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { NOT_ME_MESSAGES, peekNotMeToken } from "@/lib/auth/not-me";
import { now } from "@/lib/clock";
import { AuthCard, DeadLinkCard, EmailInline } from "@/components/auth/auth-card";
import { SecureAccountButton } from "@/components/account/secure-account-button";

export const metadata: Metadata = { title: "This wasn't me" };

export default async function NotMePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const peek = await peekNotMeToken({ token, now: await now() });
  const user = peek.ok ? await db.user.findUnique({ where: { id: peek.userId }, select: { email: true } }) : null;
  if (!peek.ok || !user) {
    return (
      <DeadLinkCard
        testId="not-me-dead"
        title="This link does not work"
        reason={NOT_ME_MESSAGES[peek.ok ? "invalid" : peek.problem]}
        href="/forgot-password"
        action="Reset my password"
      />
    );
  }
  return (
    <AuthCard
      title="Secure your account"
      description={
        <>
          For <EmailInline email={user.email} />. If you did not make the change we mailed you about, sign out every session (yours too, on
          every device), end every recent security check, and get a link to choose a new password.
        </>
      }
    >
      <SecureAccountButton token={token} />
    </AuthCard>
  );
}
