"use client";
// "Sign out all other sessions": every browser but this one is signed out on its next
// request, and the passkey checks they hold end. Confirmed first (it cannot be undone).
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/use-toast";
import { signOutOtherSessionsAction } from "@/app/(app)/account/actions";

export function SignOutOthersButton({ others }: { others: number }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" disabled={others === 0} data-testid="sign-out-others">
          Sign out all other sessions
        </Button>
      }
      title="Sign out every other session?"
      description={`${others} other browser${others === 1 ? "" : "s"} will be signed out at the next request, and any passkey check held there ends. This one stays signed in.`}
      confirmLabel="Sign out others"
      destructive
      onConfirm={async () => {
        const result = await signOutOtherSessionsAction({});
        if (!result.ok) return { error: result.error.message };
        toast({ title: "Other sessions signed out", description: `${result.data.signedOut} signed out.`, variant: "success" });
        router.refresh();
      }}
    />
  );
}
