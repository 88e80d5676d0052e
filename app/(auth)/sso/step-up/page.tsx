import type { Metadata } from "next";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { SsoStepUpLauncher } from "@/components/sso/sso-step-up-launcher";
import { SsoStepUpResult } from "@/components/sso/sso-step-up-result";
import { ssoStepUpErrorMessage } from "@/lib/sso/sso-step-up-errors";

export const metadata: Metadata = { title: "Confirming it's you" };

// The step-up popup's page, at both ends of the trip: `?action=<id>` starts it (the launcher
// asks the server, which decides, then goes to the IdP); `?result=verified` or `?error=<code>`
// is where the callback sends it back (the grant is minted or refused already). It carries a
// code only; the sentence is looked up here.
export default async function SsoStepUpPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { action, result, error } = await searchParams;
  if (action && !result && !error) {
    return (
      <Card>
        <CardHeader>
          <CardTitle className="text-xl">Confirming it&apos;s you</CardTitle>
        </CardHeader>
        <CardContent>
          <SsoStepUpLauncher actionId={action.slice(0, 100)} />
        </CardContent>
      </Card>
    );
  }
  const verified = result === "verified";
  const known = ssoStepUpErrorMessage(error);
  const message = verified ? null : (known ?? "The check could not be completed. Close this window and try again.");
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{verified ? "Verified" : "Not verified"}</CardTitle>
      </CardHeader>
      <CardContent>
        <SsoStepUpResult verified={verified} code={verified ? null : known ? error! : "unknown"} message={message} />
      </CardContent>
    </Card>
  );
}
