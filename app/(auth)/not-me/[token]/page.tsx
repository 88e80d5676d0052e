// /not-me/<token> — the "this wasn't me" link of a security notice. Looking spends nothing;
// the button does it (lib/auth/not-me.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { NOT_ME_MESSAGES, peekNotMeToken } from "@/lib/auth/not-me";
import { now } from "@/lib/clock";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SecureAccountButton } from "@/components/account/secure-account-button";

export const metadata: Metadata = { title: "This wasn't me" };

export default async function NotMePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const peek = await peekNotMeToken({ token, now: await now() });
  const user = peek.ok ? await db.user.findUnique({ where: { id: peek.userId }, select: { email: true } }) : null;
  if (!peek.ok || !user) {
    return (
      <Card data-testid="not-me-dead">
        <CardHeader>
          <CardTitle className="text-xl">This link does not work</CardTitle>
          <CardDescription>{NOT_ME_MESSAGES[peek.ok ? "invalid" : peek.problem]}</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild className="w-full">
            <Link href="/forgot-password">Reset my password</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Secure your account</CardTitle>
        <CardDescription>
          For <span className="font-medium text-foreground break-all">{user.email}</span>. If you did not make the change we mailed you
          about, sign out every session (yours too, on every device), end every recent security check, and get a link to choose a new
          password.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <SecureAccountButton token={token} />
      </CardContent>
    </Card>
  );
}
