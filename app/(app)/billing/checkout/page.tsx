// /billing/checkout?session=cs_… — the local billing provider's Checkout page (what Stripe
// Checkout is in production): owner-only, for this org's own open session.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { isLocalBilling } from "@/lib/billing/provider";
import { getCurrentSession } from "@/lib/auth/current-session";
import { getLocalCheckoutSession } from "@/lib/billing/get-billing-overview";
import { isPriceLookupKey, roleAllows } from "@/lib/licensing/policy";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LocalCheckoutForm } from "@/components/billing/local-checkout-form";
import { completeLocalCheckoutAction } from "../actions";

export const metadata: Metadata = { title: "Checkout" };

export const dynamic = "force-dynamic";

function Refusal({ title, message }: { title: string; message: string }) {
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <Alert variant="destructive" data-testid="checkout-refused">
        <AlertTitle>{title}</AlertTitle>
        <AlertDescription>{message}</AlertDescription>
      </Alert>
      <Button asChild variant="outline">
        <Link href="/billing">Back to billing</Link>
      </Button>
    </div>
  );
}

export default async function LocalCheckoutPage({ searchParams }: { searchParams: Promise<{ session?: string }> }) {
  // Stripe mode: this page does not exist (Stripe hosts the real one).
  if (!(await isLocalBilling())) notFound();
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in?callbackUrl=/billing");
  if (!roleAllows("billing.checkout", session.role).ok) {
    return <Refusal title="Only owners can subscribe" message={`Ask an owner of ${session.org.name} to choose a plan.`} />;
  }
  const { session: sessionId } = await searchParams;
  const checkout = sessionId ? await getLocalCheckoutSession({ sessionId }) : null;
  if (!checkout || checkout.client_reference_id !== session.org.id) {
    return (
      <Refusal
        title="This checkout link is not valid"
        message="It may belong to another organisation. Start again from the billing page."
      />
    );
  }
  if (checkout.status !== "open") {
    return <Refusal title="This checkout is already complete" message="Your subscription is on the billing page." />;
  }
  const lookupKey = checkout.metadata?.lookup_key;
  return (
    <div className="mx-auto max-w-xl">
      <Card>
        <CardHeader>
          <CardTitle>Subscribe {session.org.name}</CardTitle>
          <CardDescription>
            Local billing provider — no card needed. Paying here sends the same signed events Stripe would to the webhook.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <LocalCheckoutForm
            sessionId={checkout.id}
            initialLookupKey={isPriceLookupKey(lookupKey) ? lookupKey : "pro_monthly"}
            pay={completeLocalCheckoutAction}
          />
        </CardContent>
      </Card>
    </div>
  );
}
