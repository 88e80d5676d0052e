// The one shape of an auth page's card (sign-up, reset, verify, not-me): a title, a line
// that says what happens, then the page's form or button. A token page renders one of these
// per state of its token (live, or dead with the reason and a way on), so every dead link
// looks and reads the same.
import type { ReactNode } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function AuthCard({
  title,
  description,
  children,
  testId,
  contentClassName,
}: {
  title: ReactNode;
  description: ReactNode;
  children: ReactNode;
  testId?: string;
  contentClassName?: string;
}) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle className="text-xl">{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className={contentClassName}>{children}</CardContent>
    </Card>
  );
}

/** A token link that cannot be used (invalid, expired, used): why, and the one way on. */
export function DeadLinkCard({
  testId,
  title,
  reason,
  href,
  action,
}: {
  testId: string;
  title: string;
  reason: string;
  href: string;
  action: string;
}) {
  return (
    <AuthCard testId={testId} title={title} description={reason}>
      <Button asChild className="w-full">
        <Link href={href}>{action}</Link>
      </Button>
    </AuthCard>
  );
}

/** The address a token page acts on, set apart so a long one wraps instead of overflowing. */
export function EmailInline({ email }: { email: string }) {
  return <span className="font-medium text-foreground break-all">{email}</span>;
}
