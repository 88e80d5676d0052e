import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SsoSignIn } from "@/components/sso/sso-sign-in";
import { safeCallbackUrl } from "@/lib/http/safe-callback-url";

export const metadata: Metadata = { title: "Sign in with SSO" };

// Where the `sso_required` refusal sends a person (lib/guard/authorize.ts ssoRequiredRefusal):
// signed in or not, "Continue with SSO" opens their org's IdP for the email filled in, and the
// SSO sign-in that comes back replaces the browser's session. It reads nothing: the email is
// only a prefill, and /api/sso/start decides which IdP serves it.
export default async function SsoRequiredPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const email = params.email?.slice(0, 254) ?? "";
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Your organisation uses single sign-on</CardTitle>
        <CardDescription>
          Its members sign in through the organisation&apos;s identity provider: a password or passkey sign-in cannot act in it. Continue
          with SSO to sign in there.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <SsoSignIn callbackUrl={safeCallbackUrl(params.callbackUrl)} defaultEmail={email} defaultOpen />
        <p className="text-center text-sm text-muted-foreground">
          Owners keep their password and passkey, so an outage at the identity provider cannot lock the organisation out.{" "}
          <Link href="/sign-in" className="font-medium text-primary hover:underline">
            Sign in another way
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
