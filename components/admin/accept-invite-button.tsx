"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import { acceptInviteAction } from "@/app/(app)/invite/[token]/actions";

export function AcceptInviteButton({ token }: { token: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function accept() {
    setPending(true);
    try {
      const result = await acceptInviteAction(token);
      if (!result.ok) {
        toast({ title: "Could not join", description: result.error.message, variant: "destructive" });
        router.refresh();
        return;
      }
      toast({ title: `Welcome to ${result.data.orgName}`, description: `You joined as ${result.data.role}.`, variant: "success" });
      router.push("/dashboard");
      router.refresh();
    } catch {
      toast({ title: "Could not join", description: "We could not reach the server. Please try again.", variant: "destructive" });
    } finally {
      setPending(false);
    }
  }

  return (
    <Button onClick={() => void accept()} loading={pending} data-testid="accept-invite">
      Accept invitation
    </Button>
  );
}
