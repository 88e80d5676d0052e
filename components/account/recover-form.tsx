"use client";
// /account/recover: type a recovery code → this session may enrol ONE new passkey in the next
// 10 minutes without a step-up → enrol it → from then on, confirm with the new passkey. The
// code never confirms an action by itself (the server gives it no step-up grant).
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { CheckCircle2, KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Field } from "@/components/auth/field";
import { createPasskey } from "@/components/step-up/webauthn-client";
import { redeemRecoveryCodeAction } from "@/app/(app)/account/actions";

type Stage = { step: "code" } | { step: "enrol"; expiresAt: string; remaining: number } | { step: "done"; name: string };

async function startReplacementEnrolment() {
  // No password and no step-up: the server accepts this only while the session holds the
  // permission the code gave it.
  const res = await fetch("/api/webauthn/register/options", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  const data = (await res.json().catch(() => ({}))) as { options?: unknown; error_description?: string };
  return res.ok && data.options ? { ok: true as const, options: data.options } : { ok: false as const, message: data.error_description };
}

// long: one form with its states (code entry, locked, done) over one piece of pending/error state
export function RecoverForm({ initial }: { initial: Stage }) {
  const router = useRouter();
  const [stage, setStage] = useState<Stage>(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onCode(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("recovery-code") ?? "");
    setPending(true);
    setError(null);
    const result = await redeemRecoveryCodeAction({ code });
    setPending(false);
    if (!result.ok)
      return setError(result.error.kind === "invalid" ? (result.error.fields.code ?? result.error.message) : result.error.message);
    setStage({ step: "enrol", ...result.data });
  }

  async function onEnrol() {
    setPending(true);
    setError(null);
    const started = await startReplacementEnrolment();
    const outcome = started.ok
      ? await createPasskey({ options: started.options as Parameters<typeof createPasskey>[0]["options"] })
      : { ok: false as const, message: started.message ?? "We could not start adding a passkey. Use a code again." };
    setPending(false);
    if (!outcome.ok) return setError(outcome.message);
    setStage({ step: "done", name: "your new passkey" });
    router.refresh();
  }

  if (stage.step === "done") {
    return (
      <div className="space-y-4" data-testid="recover-done">
        <Alert>
          <CheckCircle2 className="size-4" aria-hidden />
          <AlertDescription>
            Your new passkey is ready. The next time tiergate asks you to confirm an action, use it. Remove the lost one from your account
            page (you will confirm with the new one).
          </AlertDescription>
        </Alert>
        <Button asChild>
          <Link href="/account">Go to your account</Link>
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      {error && (
        <Alert variant="destructive" role="alert">
          <AlertDescription data-testid="recover-error">{error}</AlertDescription>
        </Alert>
      )}
      {stage.step === "code" ? (
        <form onSubmit={onCode} className="grid max-w-sm gap-4" noValidate>
          <Field
            id="recovery-code"
            label="Recovery code"
            placeholder="7KQ2M-XW9TD"
            autoComplete="one-time-code"
            spellCheck={false}
            required
          />
          <div>
            <Button type="submit" loading={pending} data-testid="redeem-recovery-code">
              Use this code
            </Button>
          </div>
        </form>
      ) : (
        <div className="space-y-3" data-testid="recover-enrol">
          <p className="text-sm">
            Code accepted ({stage.remaining} left). Until {new Date(stage.expiresAt).toLocaleTimeString()} this browser may add one new
            passkey without confirming with the old one.
          </p>
          <Button onClick={onEnrol} loading={pending} data-testid="recover-add-passkey">
            <KeyRound aria-hidden /> Add a new passkey
          </Button>
        </div>
      )}
    </div>
  );
}
