// The account page's authenticator-app card: reads the signed-in person's status on the
// server (the page inserts it as one element) and hands it to the client card.
import { Card, CardContent } from "@/components/ui/card";
import { TotpCard } from "@/components/factors/totp-card";
import { totpStatus } from "@/lib/factors/totp-status";

export async function TotpSection({ userId, factorCount }: { userId: string; factorCount: number }) {
  return (
    <Card>
      <CardContent className="pt-6">
        <TotpCard status={await totpStatus({ userId })} factorCount={factorCount} />
      </CardContent>
    </Card>
  );
}
