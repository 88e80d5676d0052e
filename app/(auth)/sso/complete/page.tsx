import type { Metadata } from "next";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CompleteSsoSignIn } from "@/components/sso/complete-sso-sign-in";
import { safeCallbackUrl } from "@/lib/http/safe-callback-url";

export const metadata: Metadata = { title: "Signing you in" };

export default async function CompleteSsoPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { next } = await searchParams;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Signing you in</CardTitle>
      </CardHeader>
      <CardContent>
        <CompleteSsoSignIn next={safeCallbackUrl(next)} />
      </CardContent>
    </Card>
  );
}
