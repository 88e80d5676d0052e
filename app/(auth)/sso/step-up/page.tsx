import type { Metadata } from "next";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { SsoStepUpResult } from "@/components/sso/sso-step-up-result";
import { ssoStepUpErrorMessage } from "@/lib/sso/sso-step-up-errors";

export const metadata: Metadata = { title: "Confirming it's you" };

// The popup's last page after a step-up at the IdP (the callback already minted the grant or
// refused). It carries a result or an error CODE only; the sentence is looked up here.
export default async function SsoStepUpPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { result, error } = await searchParams;
  const verified = result === "verified";
  const message = verified ? null : (ssoStepUpErrorMessage(error) ?? "The check could not be completed. Close this window and try again.");
  const code = verified ? null : ssoStepUpErrorMessage(error) ? error! : "unknown";
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{verified ? "Verified" : "Not verified"}</CardTitle>
      </CardHeader>
      <CardContent>
        <SsoStepUpResult verified={verified} code={code} message={message} />
      </CardContent>
    </Card>
  );
}
