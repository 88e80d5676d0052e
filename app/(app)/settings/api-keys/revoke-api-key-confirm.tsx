"use client";
// "Revoke" on a key's row: type the key's name to confirm, then the guarded action
// apiKeys.revoke (the step-up modal opens above the confirmation when the policy asks). The
// key stops working from the next request; the list refreshes from the server.
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import { ConfirmDialog, type ConfirmOutcome } from "@/components/ui/confirm-dialog";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import type { ApiKeyListItem } from "@/lib/api-keys/list-api-keys";
import { revokeApiKeyAction } from "./actions";

export function RevokeApiKeyConfirm({ apiKey }: { apiKey: ApiKeyListItem }) {
  const router = useRouter();
  const revoke = useGuardedAction(revokeApiKeyAction, { actionId: "apiKeys.revoke" });

  async function onRevoke(): Promise<ConfirmOutcome> {
    const result = await revoke.run({ apiKeyId: apiKey.id });
    if (!result.ok) return result.error.kind === "cancelled" ? { keepOpen: true } : { error: result.error.message };
    toast({ title: "Key revoked", description: `“${apiKey.name}” stops working immediately.`, variant: "success" });
    router.refresh();
  }

  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" aria-label={`Revoke ${apiKey.name}`}>
          Revoke
        </Button>
      }
      title={`Revoke “${apiKey.name}”?`}
      description="Every script and integration using this key is refused from the next request. A revoked key cannot be restored: you would create a new one and update each place that uses it."
      confirmText={apiKey.name}
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      destructive
      onConfirm={onRevoke}
    />
  );
}
