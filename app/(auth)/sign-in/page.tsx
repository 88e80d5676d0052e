import type { Metadata } from "next";
import { safeNextStep } from "@/lib/funnel/next-step";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignIn } from "@/components/sso/sso-sign-in";
import { ssoErrorMessage } from "@/lib/sso/sso-errors";
import { endedSessionReason, getCurrentSession } from "@/lib/auth/current-session";
import { sessionEndMessage } from "@/lib/auth/session-lifetime";
import { safeCallbackUrl } from "@/lib/http/safe-callback-url";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  "signed-out": "You have been signed out.",
  "password-reset": "Your password was changed and every session was signed out. Sign in with your new password.",
  // The verification link sends a signed-out visitor here first (app/(auth)/verify-email).
  verify: "Sign in to confirm your email address.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getCurrentSession()) redirect(callbackUrl);
  // The cookie still names a session that ran out: say why the user has to sign in again.
  const ended = await endedSessionReason();
  const notice = NOTICES[params.reason ?? ""] ?? (ended ? sessionEndMessage(ended) : undefined);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Sign in</CardTitle>
        <CardDescription>Welcome back. Use your email and password, or a passkey.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <SignInForm callbackUrl={callbackUrl} notice={notice} defaultEmail={params.email?.slice(0, 254)} />
        <SsoSignIn callbackUrl={callbackUrl} error={ssoErrorMessage(params.sso_error)} />
        <p className="text-center text-sm text-muted-foreground">
          New here?{" "}
          <Link
            href={safeNextStep(callbackUrl) ? `/sign-up?next=${encodeURIComponent(callbackUrl)}` : "/sign-up"}
            className="font-medium text-primary hover:underline"
          >
            Create an account
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
