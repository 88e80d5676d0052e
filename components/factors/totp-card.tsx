"use client";
// The account page's authenticator app (TOTP): set up (a first factor with the password;
// another with a step-up, which the modal runs), scan the QR code or type the key, confirm
// with a code; remove (a step-up action, and a warning when it is the last factor).
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Smartphone } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { TotpCodeForm } from "@/components/step-up/totp-code-form";
import { RecoveryCodesReveal } from "@/components/account/recovery-codes-reveal";
import { addTotpAction, confirmTotpAction, removeTotpAction, startFirstTotpAction } from "@/components/factors/actions";
import type { TotpEnrolment } from "@/lib/factors/totp-enrol";

export type TotpStatus = { enabled: boolean; since: string | null; lastUsedAt: string | null };

// long: one card with the enrolment's steps (start, scan, confirm, remove) over one enrolment state
export function TotpCard({ status, factorCount }: { status: TotpStatus; factorCount: number }) {
  const router = useRouter();
  const add = useGuardedAction(addTotpAction, { actionId: "totp.add" });
  const remove = useGuardedAction(removeTotpAction, { actionId: "totp.remove" });
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [askPassword, setAskPassword] = useState(false);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);

  async function start(event?: React.FormEvent) {
    event?.preventDefault();
    setError(null);
    setStarting(true);
    try {
      // With a factor, adding this one is totp.add (the modal confirms with an existing factor).
      const result = factorCount > 0 ? await add.run({}) : await startFirstTotpAction({ password });
      if (result.ok) {
        setEnrolment(result.data);
        setAskPassword(false);
        setPassword("");
      } else if (result.error.kind !== "cancelled") setError(result.error.message);
    } finally {
      setStarting(false);
    }
  }

  async function confirm(code: string) {
    setError(null);
    const result = await confirmTotpAction({ code });
    if (!result.ok) {
      setError(result.error.kind === "invalid" ? (result.error.fields.code ?? result.error.message) : result.error.message);
      return;
    }
    setEnrolment(null);
    toast({ title: "Authenticator app added", description: "You can now confirm sensitive actions with a code.", variant: "success" });
    if (result.data.recoveryCodes) setCodes(result.data.recoveryCodes);
    else router.refresh();
  }

  async function onRemove() {
    const result = await remove.run({});
    if (result.ok) {
      toast({ title: "Authenticator app removed", variant: "success" });
      router.refresh();
      return;
    }
    if (result.error.kind === "cancelled") return { keepOpen: true } as const;
    return { error: result.error.message };
  }

  const last = status.enabled && factorCount === 1;
  return (
    <section className="space-y-3" aria-labelledby="totp-heading" data-testid="totp-card">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h2 id="totp-heading" className="flex items-center gap-2 text-lg font-semibold">
            <Smartphone className="size-5" aria-hidden /> Authenticator app {status.enabled && <Badge variant="outline">On</Badge>}
          </h2>
          <p className="text-sm text-muted-foreground" data-testid="totp-status">
            {status.enabled
              ? `Set up ${new Date(status.since!).toLocaleDateString()}${status.lastUsedAt ? ` · last used ${new Date(status.lastUsedAt).toLocaleString()}` : ""}. Codes confirm most actions; Enterprise admin work and bulk export need a passkey.`
              : "Six-digit codes from an app such as 1Password, Google Authenticator or Authy, as a second way to confirm it's you."}
          </p>
        </div>
        {status.enabled ? (
          <ConfirmDialog
            trigger={<Button variant="outline">Remove</Button>}
            title="Remove your authenticator app?"
            description={
              last
                ? "It is your only sign-in factor: without it you confirm sensitive actions by adding a new factor with your password. You will confirm with a code first."
                : "Codes from it stop working, and checks made with it end. You will confirm with one of your factors first."
            }
            confirmLabel="Remove app"
            destructive
            onConfirm={onRemove}
          />
        ) : enrolment ? null : factorCount === 0 && !askPassword ? (
          <Button onClick={() => setAskPassword(true)}>Set up</Button>
        ) : factorCount > 0 ? (
          <Button onClick={() => start()} loading={starting}>
            Set up
          </Button>
        ) : null}
      </div>
      {error && (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      {askPassword && !enrolment ? (
        <form onSubmit={start} className="flex flex-wrap items-end gap-2" noValidate>
          <div className="space-y-2">
            <Label htmlFor="totp-password">Your password (this is your first factor)</Label>
            <Input
              id="totp-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoFocus
              className="w-72 max-w-full"
            />
          </div>
          <Button type="submit" loading={starting}>
            Continue
          </Button>
          <Button type="button" variant="ghost" onClick={() => setAskPassword(false)}>
            Cancel
          </Button>
        </form>
      ) : null}
      {enrolment ? <TotpEnrolmentPanel enrolment={enrolment} onConfirm={confirm} onCancel={() => setEnrolment(null)} /> : null}
      {codes && (
        <RecoveryCodesReveal
          codes={codes}
          onDone={() => {
            setCodes(null);
            router.refresh();
          }}
        />
      )}
    </section>
  );
}

function TotpEnrolmentPanel({
  enrolment,
  onConfirm,
  onCancel,
}: {
  enrolment: TotpEnrolment;
  onConfirm: (code: string) => Promise<void>;
  onCancel: () => void;
}) {
  return (
    <div className="grid gap-4 rounded-lg border p-4 sm:grid-cols-[auto_1fr]" data-testid="totp-enrolment">
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn on the server, not an asset to optimise */}
      <img src={enrolment.qrDataUrl} alt="QR code to scan with your authenticator app" className="size-44 rounded bg-white p-1" />
      <div className="min-w-0 space-y-3">
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          <li>Scan the QR code with your authenticator app.</li>
          <li>
            Can&apos;t scan? Enter this key:{" "}
            <code className="break-all rounded bg-muted px-1 font-mono text-sm" data-testid="totp-manual-key">
              {enrolment.manualKey}
            </code>
          </li>
          <li>Enter the 6-digit code the app shows. This setup expires at {new Date(enrolment.expiresAt).toLocaleTimeString()}.</li>
        </ol>
        <TotpCodeForm onSubmit={onConfirm} onBack={onCancel} submitLabel="Turn on" inDialog={false} />
      </div>
    </div>
  );
}
