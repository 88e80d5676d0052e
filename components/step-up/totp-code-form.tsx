"use client";
// The six-digit code entry, shared by the step-up modal and the authenticator-app setup.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DialogFooter } from "@/components/ui/dialog";

export function TotpCodeForm({
  onSubmit,
  onBack,
  disabled = false,
  submitLabel = "Verify code",
  inDialog = true,
}: {
  onSubmit: (code: string) => Promise<void>;
  onBack?: () => void;
  disabled?: boolean;
  submitLabel?: string;
  inDialog?: boolean;
}) {
  const [code, setCode] = useState("");
  const [pending, setPending] = useState(false);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    try {
      await onSubmit(code);
    } finally {
      setPending(false);
      setCode("");
    }
  }
  const Footer = inDialog ? DialogFooter : "div";
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="space-y-2">
        <Label htmlFor="totp-code">Code from your authenticator app</Label>
        <Input
          id="totp-code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          placeholder="123 456"
          maxLength={9}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          disabled={disabled || pending}
          autoFocus
          className="max-w-48 font-mono tracking-widest"
        />
      </div>
      <Footer className={inDialog ? undefined : "flex flex-wrap gap-2"}>
        {onBack ? (
          <Button type="button" variant="ghost" onClick={onBack} disabled={pending}>
            Back
          </Button>
        ) : null}
        <Button type="submit" loading={pending} disabled={disabled}>
          {submitLabel}
        </Button>
      </Footer>
    </form>
  );
}
