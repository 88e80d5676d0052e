"use client";
// The org's OIDC connection. "Test connection" must pass for the current issuer and client id
// before "Save" is offered (the server insists too: lib/sso/connection-proof.ts). The client
// secret field starts empty even when one is stored: the server never sends it back.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { CheckCircle2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { reportOutcome } from "@/components/admin/notify";
import { removeSsoConnectionAction, saveSsoConnectionAction, testSsoConnectionAction } from "@/app/(app)/admin/sso/actions";
import type { PublicSsoConnection } from "@/lib/sso/get-connection";

type Fields = { issuer: string; clientId: string; clientSecret: string; domains: string; mfa: string; phishing_resistant: string };

// Over 80 lines on purpose: one form's state and its three actions (test, save, remove) read
// best together; the fields' markup lives in ConnectionFields below.
// long: one form over one connection draft: every field edits it and it is tested and saved in one action
export function SsoConnectionForm({ connection, canEdit }: { connection: PublicSsoConnection | null; canEdit: boolean }) {
  const router = useRouter();
  const test = useGuardedAction(testSsoConnectionAction, { actionId: "sso.configure" });
  const save = useGuardedAction(saveSsoConnectionAction, { actionId: "sso.configure" });
  const remove = useGuardedAction(removeSsoConnectionAction, { actionId: "sso.configure" });
  const [f, setF] = useState<Fields>({
    issuer: connection?.issuer ?? "",
    clientId: connection?.clientId ?? "",
    clientSecret: "",
    domains: connection?.domains.join(", ") ?? "",
    mfa: connection?.acrMap.mfa ?? "",
    phishing_resistant: connection?.acrMap.phishing_resistant ?? "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [tested, setTested] = useState<{ issuer: string; clientId: string; proof: string; acrValues: string[] } | null>(null);
  const busy = test.pending || save.pending || remove.pending;
  const testedNow = tested !== null && tested.issuer === f.issuer.trim().replace(/\/+$/, "") && tested.clientId === f.clientId.trim();
  const set = (k: keyof Fields) => (e: React.ChangeEvent<HTMLInputElement>) => setF((prev) => ({ ...prev, [k]: e.target.value }));

  async function runTest() {
    setErrors({});
    const outcome = await test.run({ issuer: f.issuer, clientId: f.clientId });
    if (!outcome.ok && outcome.error.kind === "invalid") setErrors(outcome.error.fields);
    if (reportOutcome(outcome, "Connection test failed")) {
      setTested({
        issuer: outcome.data.issuer,
        clientId: f.clientId.trim(),
        proof: outcome.data.testProof,
        acrValues: outcome.data.acrValues,
      });
    }
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!testedNow) return;
    setErrors({});
    const acrMap = { mfa: f.mfa, phishing_resistant: f.phishing_resistant };
    const input = {
      issuer: f.issuer,
      clientId: f.clientId,
      clientSecret: f.clientSecret,
      domains: f.domains,
      acrMap,
      testProof: tested.proof,
    };
    const outcome = await save.run(input);
    if (!outcome.ok && outcome.error.kind === "invalid") setErrors(outcome.error.fields);
    if (reportOutcome(outcome, "SSO not saved")) {
      toast({
        title: "Single sign-on saved",
        description: `${outcome.data.domains.join(", ")} now sign in through ${outcome.data.issuer}.`,
        variant: "success",
      });
      setF((prev) => ({ ...prev, clientSecret: "" }));
      router.refresh();
    }
  }

  async function removeConnection() {
    const outcome = await remove.run({});
    if (!outcome.ok) return outcome.error.kind === "cancelled" ? { keepOpen: true as const } : { error: outcome.error.message };
    toast({ title: "Single sign-on removed", variant: "success" });
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="grid gap-4 md:grid-cols-2" data-testid="sso-connection-form">
      <ConnectionFields f={f} set={set} errors={errors} disabled={!canEdit || busy} hasSecret={Boolean(connection?.hasClientSecret)} />
      {testedNow ? (
        <p className="flex items-center gap-2 text-sm text-success md:col-span-2" role="status" data-testid="sso-test-ok">
          <CheckCircle2 className="size-4" aria-hidden /> Connection works.
          {tested.acrValues.length ? ` The IdP offers acr values: ${tested.acrValues.join(", ")}.` : " The IdP publishes no acr values."}
        </p>
      ) : null}
      {canEdit ? (
        <div className="flex flex-wrap gap-2 md:col-span-2">
          <Button type="button" variant="outline" onClick={runTest} disabled={busy || !f.issuer || !f.clientId}>
            Test connection
          </Button>
          <Button type="submit" disabled={busy || !testedNow} title={testedNow ? undefined : "Test the connection first"}>
            Save
          </Button>
          {connection ? (
            <ConfirmDialog
              trigger={
                <Button type="button" variant="ghost" className="text-destructive" disabled={busy}>
                  Remove SSO
                </Button>
              }
              title="Remove single sign-on?"
              description={`${connection.domains.join(", ")} stop signing in through ${connection.issuer}. Members keep their accounts and sign in with their password or passkey (anyone without a password can set one with "Forgot password?"). You can connect the IdP again later.`}
              confirmLabel="Remove SSO"
              pendingLabel="Removing…"
              destructive
              onConfirm={removeConnection}
              data-testid="confirm-remove-sso"
            />
          ) : null}
          {testedNow ? null : <p className="basis-full text-xs text-muted-foreground">Test the connection to save changes.</p>}
        </div>
      ) : null}
    </form>
  );
}

function ConnectionFields({
  f,
  set,
  errors,
  disabled,
  hasSecret,
}: {
  f: Fields;
  set: (k: keyof Fields) => (e: React.ChangeEvent<HTMLInputElement>) => void;
  errors: Record<string, string>;
  disabled: boolean;
  hasSecret: boolean;
}) {
  const field = (k: keyof Fields, label: string, props: React.ComponentProps<typeof Input> = {}, hint?: string) => (
    <div className="space-y-1">
      <Label htmlFor={`sso-${k}`}>{label}</Label>
      <Input id={`sso-${k}`} value={f[k]} onChange={set(k)} disabled={disabled} aria-invalid={errors[k] ? true : undefined} {...props} />
      {errors[k] ? (
        <p className="text-xs text-destructive">{errors[k]}</p>
      ) : hint ? (
        <p className="text-xs text-muted-foreground">{hint}</p>
      ) : null}
    </div>
  );

  return (
    <>
      {field(
        "issuer",
        "Issuer URL",
        { placeholder: "https://login.example.com", required: true },
        "We read its /.well-known/openid-configuration.",
      )}
      {field("clientId", "Client ID", { required: true, autoComplete: "off" })}
      {field(
        "clientSecret",
        "Client secret",
        {
          type: "password",
          autoComplete: "new-password",
          placeholder: hasSecret ? "Stored (leave blank to keep it)" : "",
        },
        "Stored encrypted; it is never shown again.",
      )}
      {field(
        "domains",
        "Email domains",
        { placeholder: "example.com, example.org", required: true },
        "People with these addresses are sent to your IdP.",
      )}
      {field("mfa", "acr value for multi-factor (optional)", {
        placeholder: "e.g. mfa",
      })}
      {field("phishing_resistant", "acr value for phishing-resistant (optional)", { placeholder: "e.g. phr" })}
    </>
  );
}
