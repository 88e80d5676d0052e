// What the billing page says on the way back from Checkout (`?checkout=success|canceled`);
// nothing for any other value. Server-rendered.
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

export function CheckoutOutcome({ checkout }: { checkout: string | string[] | undefined }) {
  if (checkout === "success") {
    return (
      <Alert variant="success" data-testid="checkout-success">
        <AlertTitle>Thank you — your subscription is active</AlertTitle>
        <AlertDescription>Every open tab of this organisation updates on its own.</AlertDescription>
      </Alert>
    );
  }
  if (checkout === "canceled") {
    return (
      <Alert>
        <AlertTitle>Checkout cancelled</AlertTitle>
        <AlertDescription>Nothing was charged. You can pick a plan whenever you like.</AlertDescription>
      </Alert>
    );
  }
  return null;
}
