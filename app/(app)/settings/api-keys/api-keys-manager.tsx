"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Copy, KeyRound, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { toast } from "@/components/ui/use-toast";
import { ConfirmDialog, type ConfirmOutcome } from "@/components/ui/confirm-dialog";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";
import type { ApiKeyListItem } from "@/lib/api-keys/list-api-keys";
import type { PlanId } from "@/lib/licensing/policy";

type Props = { keys: ApiKeyListItem[]; canManage: boolean; upgradePlan: PlanId | null; upgradePlanName: string | null; limit: number };

// The step-up modal comes from the app layout's one StepUpProvider.
// long: a client component whose list, create dialog and revoke confirm share one optimistic key list state
export function ApiKeysManager({ keys, canManage, upgradePlan, upgradePlanName, limit }: Props) {
  const router = useRouter();
  const create = useGuardedAction(createApiKeyAction, { actionId: "apiKeys.create" });
  const revoke = useGuardedAction(revokeApiKeyAction, { actionId: "apiKeys.revoke" });
  const [open, setOpen] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  if (upgradePlan) {
    return (
      <EmptyState
        icon={KeyRound}
        title={`API access is on the ${upgradePlanName} plan`}
        description="Upgrade to create keys for scripts and integrations."
        action={
          <Button asChild>
            <Link href={`/billing?upgrade=${upgradePlan}#plans`}>See plans</Link>
          </Button>
        }
      />
    );
  }

  async function onCreate(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    setFieldError(null);
    const result = await create.run({ name });
    if (result.ok) {
      setOpen(false);
      setCreated({ name: result.data.name, key: result.data.key });
      router.refresh();
    } else if (result.error.kind === "invalid") {
      setFieldError(result.error.fields.name ?? result.error.message);
    } else if (result.error.kind !== "cancelled") {
      setFieldError(result.error.message);
    }
  }

  async function onRevoke(key: ApiKeyListItem): Promise<ConfirmOutcome> {
    const result = await revoke.run({ apiKeyId: key.id });
    if (!result.ok) return result.error.kind === "cancelled" ? { keepOpen: true } : { error: result.error.message };
    toast({ title: "Key revoked", description: `“${key.name}” stops working immediately.`, variant: "success" });
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <p className="text-sm text-muted-foreground">
          {keys.length} of {limit} keys in use.
        </p>
        {canManage && (
          <Button onClick={() => setOpen(true)} disabled={keys.length >= limit}>
            <Plus aria-hidden /> Create key
          </Button>
        )}
      </div>
      {created && (
        <Alert role="status" data-testid="new-api-key">
          <AlertDescription className="space-y-2">
            <p>
              Copy the key for “{created.name}” now. For your safety it is stored hashed and <strong>will not be shown again</strong>.
            </p>
            <div className="flex items-center gap-2">
              <code className="break-all rounded bg-muted px-2 py-1 text-xs">{created.key}</code>
              <Button
                size="sm"
                variant="outline"
                onClick={() => navigator.clipboard.writeText(created.key).then(() => toast({ title: "Copied" }))}
              >
                <Copy aria-hidden /> Copy
              </Button>
            </div>
          </AlertDescription>
        </Alert>
      )}
      {keys.length === 0 ? (
        <EmptyState
          icon={KeyRound}
          title="No API keys yet"
          description={canManage ? "Create one to call /api/v1 from scripts." : "Ask an admin to create one."}
        />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead className="sr-only">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((k) => (
              <TableRow key={k.id}>
                <TableCell>{k.name}</TableCell>
                <TableCell>
                  <code className="text-xs">{k.prefix}…</code>
                </TableCell>
                <TableCell>
                  {new Date(k.createdAt).toLocaleDateString()} by {k.createdBy}
                </TableCell>
                <TableCell>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : "never"}</TableCell>
                <TableCell className="text-right">
                  {canManage && (
                    <ConfirmDialog
                      trigger={
                        <Button size="sm" variant="ghost" aria-label={`Revoke ${k.name}`}>
                          Revoke
                        </Button>
                      }
                      title={`Revoke “${k.name}”?`}
                      description="Every script and integration using this key is refused from the next request. A revoked key cannot be restored: you would create a new one and update each place that uses it."
                      confirmText={k.name}
                      confirmLabel="Revoke key"
                      pendingLabel="Revoking…"
                      destructive
                      onConfirm={() => onRevoke(k)}
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Dialog open={open} onOpenChange={(o) => !create.pending && setOpen(o)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Create an API key</DialogTitle>
            <DialogDescription>Creating a key needs a fresh passkey check.</DialogDescription>
          </DialogHeader>
          <form onSubmit={onCreate} className="space-y-4" noValidate>
            <div className="space-y-2">
              <Label htmlFor="api-key-name">Name</Label>
              <Input
                id="api-key-name"
                name="name"
                placeholder="e.g. Nightly export"
                maxLength={64}
                aria-invalid={fieldError ? true : undefined}
              />
              {fieldError && <p className="text-sm text-destructive">{fieldError}</p>}
            </div>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={create.pending}>
                Create key
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
