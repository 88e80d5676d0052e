"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Ban, CheckCircle2, KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { runStepUp } from "@/components/step-up/webauthn-client";
import { denyApiStepUpAction } from "./actions";

// long: the approval screen's states (loading, approve, deny, done) share one request state machine
export function ApproveRequest(props: {
  code: string;
  orgName: string;
  keyName: string;
  keyPrefix: string;
  actionLabel: string;
  expiresAt: string;
}) {
  const [state, setState] = useState<"idle" | "pending" | "denying" | "approved" | "denied">("idle");
  const [error, setError] = useState<string | null>(null);

  async function approve() {
    setState("pending");
    setError(null);
    const result = await runStepUp({ approveCode: props.code });
    if (result.ok) return setState("approved");
    setError("enrol" in result ? "Add a passkey on your account page first, then approve." : result.message);
    setState("idle");
  }

  async function deny() {
    setState("denying");
    setError(null);
    try {
      const result = await denyApiStepUpAction(props.code);
      if (result.ok) return setState("denied");
      setError(result.error.message);
    } catch {
      setError("We could not reach the server. Please try again.");
    }
    setState("idle");
  }

  if (state === "denied") {
    return (
      <Alert role="status">
        <Ban aria-hidden />
        <AlertDescription>Denied. The API client&apos;s request has ended and cannot be approved any more.</AlertDescription>
      </Alert>
    );
  }
  if (state === "approved") {
    return (
      <Alert role="status">
        <CheckCircle2 aria-hidden />
        <AlertDescription>Approved. The API client can continue; you can close this tab.</AlertDescription>
      </Alert>
    );
  }
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted-foreground">Organisation</dt>
        <dd data-testid="approval-org">{props.orgName}</dd>
        <dt className="text-muted-foreground">API key</dt>
        <dd>
          {props.keyName} <code className="text-xs">{props.keyPrefix}…</code>
        </dd>
        <dt className="text-muted-foreground">Wants to</dt>
        <dd>{props.actionLabel}</dd>
        <dt className="text-muted-foreground">Code</dt>
        <dd>
          <code>{props.code}</code> (expires {new Date(props.expiresAt).toLocaleTimeString()})
        </dd>
      </dl>
      <p className="text-sm text-muted-foreground">
        Only approve if you started this yourself and the code matches what your tool shows. Otherwise deny it.
      </p>
      {error && (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      <div className="flex gap-2">
        <Button onClick={approve} loading={state === "pending"} disabled={state === "denying"}>
          <KeyRound aria-hidden /> Approve with passkey
        </Button>
        <Button variant="outline" onClick={deny} loading={state === "denying"} disabled={state === "pending"}>
          <Ban aria-hidden /> Deny
        </Button>
      </div>
    </div>
  );
}

export function CodeForm() {
  const router = useRouter();
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const code = String(new FormData(e.currentTarget).get("code") ?? "").trim();
        if (code) router.push(`/step-up/approve?code=${encodeURIComponent(code)}`);
      }}
    >
      <div className="flex-1 space-y-2">
        <Label htmlFor="user-code">Code from your API client</Label>
        <Input id="user-code" name="code" placeholder="ABCD-EFGH" autoComplete="off" />
      </div>
      <Button type="submit">Continue</Button>
    </form>
  );
}
