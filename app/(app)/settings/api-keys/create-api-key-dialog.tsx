"use client";
// "Create an API key": the name, then the guarded action apiKeys.create (a fresh passkey
// check: the step-up modal opens above this dialog). A refusal shows under the field and
// keeps the dialog open; the created key goes to onCreated, the one place it is ever shown.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { createApiKeyAction } from "./actions";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (created: { name: string; key: string }) => void;
};

export function CreateApiKeyDialog({ open, onOpenChange, onCreated }: Props) {
  const create = useGuardedAction(createApiKeyAction, { actionId: "apiKeys.create" });
  const [fieldError, setFieldError] = useState<string | null>(null);

  async function onCreate(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    setFieldError(null);
    const result = await create.run({ name });
    if (result.ok) {
      onCreated({ name: result.data.name, key: result.data.key });
    } else if (result.error.kind === "invalid") {
      setFieldError(result.error.fields.name ?? result.error.message);
    } else if (result.error.kind !== "cancelled") {
      setFieldError(result.error.message);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(o) => !create.pending && onOpenChange(o)}>
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
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.pending}>
              Create key
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
