// Shown across the signed-in shell while the account's address is unconfirmed: what the
// account cannot do yet, and a way to get a new link.
import "server-only";
import { MailWarning } from "lucide-react";
import { db } from "@/lib/db/client";
import { ResendVerificationButton } from "@/components/auth/resend-verification-button";

export async function VerifyEmailBanner({ userId, email }: { userId: string; email: string }) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  if (!user || user.emailVerifiedAt) return null;
  return (
    <div
      role="status"
      data-testid="verify-email-banner"
      className="flex flex-col gap-2 border-b border-warning/50 bg-warning/10 px-4 py-2 text-sm text-warning-foreground sm:flex-row sm:items-center md:px-6"
    >
      <MailWarning className="size-4 shrink-0" aria-hidden />
      <p className="flex-1">
        Confirm your email address: open the link we sent to <span className="font-medium break-all">{email}</span>. Until then you cannot
        accept invitations to other organisations.
      </p>
      <ResendVerificationButton />
    </div>
  );
}
