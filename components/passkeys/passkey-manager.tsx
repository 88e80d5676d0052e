"use client";
// The account page's passkeys: add, rename, and remove (a step-up action: removing one also
// ends every grant it produced). Adding the FIRST passkey asks for the password; adding
// another is the step-up action passkeys.add: the modal confirms with an existing passkey,
// then enrolment continues by itself (the server decides; the list here only picks the form).
// Removing asks to confirm; removing the LAST factor asks to type its name (the account is
// left with the password alone). A first passkey answers the recovery codes, shown once.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { KeyRound, Pencil, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Badge } from "@/components/ui/badge";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { createPasskey, registerPasskey, type EnrolOutcome } from "@/components/step-up/webauthn-client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RecoveryCodesReveal } from "@/components/account/recovery-codes-reveal";
import { addPasskeyAction, removePasskeyAction, renamePasskeyAction } from "@/components/passkeys/actions";
import type { PasskeyListItem } from "@/lib/passkeys/list-passkeys";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

// The step-up modal comes from the app layout's one StepUpProvider.
// long: one list with rename and remove actions over one optimistic passkey list
export function PasskeyManager({
  passkeys,
  factorCount,
}: {
  passkeys: PasskeyListItem[];
  /** Passkeys + authenticator app. */ factorCount: number;
}) {
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [renaming, setRenaming] = useState<PasskeyListItem | null>(null);
  const remove = useGuardedAction(removePasskeyAction, { actionId: "passkeys.remove" });

  async function onRemove(passkey: PasskeyListItem) {
    const result = await remove.run({ passkeyId: passkey.id });
    if (result.ok) {
      toast({
        title: "Passkey removed",
        description: `“${passkey.name}” can no longer sign you in or confirm actions.`,
        variant: "success",
      });
      router.refresh();
      return;
    }
    if (result.error.kind === "cancelled") return { keepOpen: true } as const;
    return { error: result.error.message };
  }

  return (
    <section className="space-y-4" aria-labelledby="passkeys-heading" data-testid="passkey-manager">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h2 id="passkeys-heading" className="text-lg font-semibold">
            Passkeys
          </h2>
          <p className="text-sm text-muted-foreground">Sign in and confirm sensitive actions with your device instead of a password.</p>
        </div>
        <Button onClick={() => setAdding(true)} data-testid="add-passkey">
          <Plus aria-hidden /> Add passkey
        </Button>
      </div>

      {passkeys.length === 0 ? (
        <EmptyState
          icon={KeyRound}
          title="No passkeys yet"
          description="Add one to confirm exports and other sensitive actions in a tap."
        />
      ) : (
        <ul className="divide-y rounded-xl border">
          {passkeys.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="passkey-row">
              <KeyRound className="size-4 text-muted-foreground" aria-hidden />
              {/* At least 12rem for the name: on a phone the buttons wrap under it rather than squeeze it. */}
              <div className="min-w-48 flex-1">
                <p className="font-medium">{p.name}</p>
                <p className="text-xs text-muted-foreground">
                  Added {when(p.createdAt)} · last used {when(p.lastUsedAt)}
                </p>
              </div>
              {p.backedUp && <Badge variant="secondary">Synced</Badge>}
              <Button variant="ghost" size="sm" onClick={() => setRenaming(p)} aria-label={`Rename ${p.name}`}>
                <Pencil aria-hidden /> Rename
              </Button>
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" size="sm" aria-label={`Remove ${p.name}`}>
                    <Trash2 aria-hidden /> Remove
                  </Button>
                }
                title={`Remove “${p.name}”?`}
                description={
                  factorCount <= 1
                    ? "This is your last passkey. Without it your account is protected by your password alone, and you will add a new passkey with your password. You will confirm with this passkey first."
                    : "It can no longer sign you in or confirm actions, and the checks it made end now. You will confirm with a passkey first."
                }
                confirmText={factorCount <= 1 ? p.name : undefined}
                confirmLabel="Remove passkey"
                destructive
                onConfirm={() => onRemove(p)}
                data-testid="remove-passkey-dialog"
              />
            </li>
          ))}
        </ul>
      )}

      <AddPasskeyDialog
        open={adding}
        onOpenChange={setAdding}
        hasPasskeys={passkeys.length > 0}
        onAdded={(recoveryCodes) => (recoveryCodes ? setCodes(recoveryCodes) : router.refresh())}
      />
      {codes && (
        <RecoveryCodesReveal
          codes={codes}
          onDone={() => {
            setCodes(null);
            router.refresh();
          }}
        />
      )}
      {renaming && <RenameDialog passkey={renaming} onClose={() => setRenaming(null)} onRenamed={() => router.refresh()} />}
    </section>
  );
}

// long: the registration ceremony (password or step-up, browser prompt, naming) is one sequence over one state
function AddPasskeyDialog({
  open,
  onOpenChange,
  hasPasskeys,
  onAdded,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  hasPasskeys: boolean;
  onAdded: (recoveryCodes: string[] | null) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const add = useGuardedAction(addPasskeyAction, { actionId: "passkeys.add" });
  const stepUpFirst = hasPasskeys;

  /** Another passkey: the guarded action opens the step-up modal on refusal, then retries once. */
  async function addAnother(name: string | undefined): Promise<EnrolOutcome | null> {
    const started = await add.run({});
    if (!started.ok) return started.error.kind === "cancelled" ? null : { ok: false, message: started.error.message };
    return createPasskey({ options: started.data, name });
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // Left empty: the server names it from the authenticator, else the browser and OS.
    const name = String(form.get("name") ?? "").trim() || undefined;
    const password = String(form.get("password") ?? "");
    if (!stepUpFirst && !password) return setError("Enter your password.");
    setPending(true);
    setError(null);
    let result: EnrolOutcome | null;
    if (stepUpFirst) {
      result = await addAnother(name);
    } else {
      // The list may be stale (a passkey added in another tab): the server's refusal decides.
      const first = await registerPasskey({ password, name });
      if (!first.ok && "stepUp" in first) {
        result = await addAnother(name);
      } else {
        result = first;
      }
    }
    setPending(false);
    if (!result) return; // the step-up was cancelled: nothing happened
    if (!result.ok) return setError(result.message);
    toast({ title: "Passkey added", description: name ? `“${name}” is ready.` : "It is ready.", variant: "success" });
    onOpenChange(false);
    onAdded(result.recoveryCodes);
  }

  return (
    <Dialog open={open} onOpenChange={(o) => !pending && onOpenChange(o)}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add a passkey</DialogTitle>
          <DialogDescription>
            {stepUpFirst
              ? "Confirm with one of your passkeys first: only you should be able to add a way into your account."
              : "Re-enter your password first: only you should be able to add a way into your account."}
          </DialogDescription>
        </DialogHeader>
        {error && (
          <Alert variant="destructive" role="alert">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        )}
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <div className="space-y-2">
            <Label htmlFor="passkey-name">Name</Label>
            <Input id="passkey-name" name="name" placeholder="Optional: we name it after your device" maxLength={64} />
          </div>
          {!stepUpFirst && (
            <div className="space-y-2">
              <Label htmlFor="passkey-password">Password</Label>
              <Input id="passkey-password" name="password" type="password" autoComplete="current-password" required />
            </div>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Continue
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function RenameDialog({ passkey, onClose, onRenamed }: { passkey: PasskeyListItem; onClose: () => void; onRenamed: () => void }) {
  const rename = useGuardedAction(renamePasskeyAction, { actionId: "passkeys.rename" });
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    const result = await rename.run({ passkeyId: passkey.id, name });
    if (result.ok) {
      onClose();
      onRenamed();
    } else if (result.error.kind === "invalid") {
      setError(result.error.fields.name ?? result.error.message);
    } else if (result.error.kind !== "cancelled") {
      setError(result.error.message);
    }
  }

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rename passkey</DialogTitle>
          <DialogDescription>Pick a name that tells you which device it is.</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <div className="space-y-2">
            <Label htmlFor="rename-passkey">Name</Label>
            <Input
              id="rename-passkey"
              name="name"
              defaultValue={passkey.name}
              maxLength={64}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "rename-error" : undefined}
            />
            {error && (
              <p id="rename-error" className="text-sm text-destructive">
                {error}
              </p>
            )}
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={rename.pending}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
