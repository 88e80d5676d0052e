"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import { resendVerificationAction } from "@/app/(auth)/verify-email/actions";

export function ResendVerificationButton({ variant = "outline" }: { variant?: "outline" | "default" }) {
  const [pending, setPending] = useState(false);

  async function resend() {
    setPending(true);
    try {
      const result = await resendVerificationAction({});
      if (!result.ok) {
        toast({ title: "No new link sent", description: result.error.message, variant: "destructive" });
      } else if (result.data.alreadyVerified) {
        toast({ title: "Your address is already confirmed", variant: "success" });
        window.location.reload();
      } else if (result.data.mailReference) {
        toast({
          title: "We could not send the email just now",
          description: `Please try again in a few minutes (reference ${result.data.mailReference}).`,
          variant: "destructive",
        });
      } else {
        toast({ title: "Link sent", description: `Check the inbox of ${result.data.email}.`, variant: "success" });
      }
    } catch {
      toast({ title: "No new link sent", description: "We could not reach the server. Please try again.", variant: "destructive" });
    } finally {
      setPending(false);
    }
  }

  return (
    <Button size="sm" variant={variant} onClick={() => void resend()} loading={pending} data-testid="resend-verification">
      Send a new link
    </Button>
  );
}
