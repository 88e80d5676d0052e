"use client";
// The step-up modal's step for an account without a passkey: the password again, then the
// device creates the first passkey, which completes the check (use-step-up-ceremony.ts).
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DialogFooter } from "@/components/ui/dialog";

type Props = {
  password: string;
  onPassword: (value: string) => void;
  onSubmit: (event: React.FormEvent) => void;
  onOtherMethod: () => void;
  onCancel: () => void;
  busy: boolean;
  locked: boolean;
  /** Whether the action's rule takes an authenticator-app code instead (else it says a passkey is needed). */
  acceptsTotp: boolean;
};

export function EnrolPasskeyForm({ password, onPassword, onSubmit, onOtherMethod, onCancel, busy, locked, acceptsTotp }: Props) {
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <p className="text-sm text-muted-foreground">
        You don&apos;t have a passkey yet. Re-enter your password so we know it&apos;s really you, then your device will create one.
        {acceptsTotp ? null : " This action needs a passkey: an authenticator app code is not enough."}
      </p>
      <div className="space-y-2">
        <Label htmlFor="step-up-password">Password</Label>
        <Input
          id="step-up-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => onPassword(e.target.value)}
          disabled={busy || locked}
          autoFocus
        />
      </div>
      <DialogFooter className="flex-wrap">
        <Button type="button" variant="ghost" onClick={onOtherMethod} disabled={busy}>
          Use another method
        </Button>
        <Button type="button" variant="outline" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" loading={busy} disabled={locked}>
          <KeyRound aria-hidden /> Add passkey and continue
        </Button>
      </DialogFooter>
    </form>
  );
}
