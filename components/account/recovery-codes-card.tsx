"use client";
// The account page's recovery-code status: how many are left, when the set was made,
// Regenerate (a strict step-up action: the modal opens, then the new set is shown once),
// and the way to use one (/account/recover).
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { LifeBuoy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { RecoveryCodesReveal } from "@/components/account/recovery-codes-reveal";
import { regenerateRecoveryCodesAction } from "@/app/(app)/account/actions";

export type RecoveryCodeSummary = { total: number; remaining: number; generatedAt: string | null };

export function RecoveryCodesCard({ status, hasFactor }: { status: RecoveryCodeSummary; hasFactor: boolean }) {
  const router = useRouter();
  const regenerate = useGuardedAction(regenerateRecoveryCodesAction, { actionId: "recoveryCodes.regenerate" });
  const [codes, setCodes] = useState<string[] | null>(null);
  const low = status.total > 0 && status.remaining <= 3;

  async function onRegenerate() {
    const result = await regenerate.run({});
    if (result.ok) {
      setCodes(result.data.codes);
      return;
    }
    if (result.error.kind === "cancelled") return { keepOpen: true } as const;
    return { error: result.error.message };
  }

  return (
    <section className="space-y-3" aria-labelledby="recovery-heading" data-testid="recovery-codes-card">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h2 id="recovery-heading" className="flex items-center gap-2 text-lg font-semibold">
            Recovery codes {low && <Badge variant="destructive">{status.remaining === 0 ? "None left" : "Running low"}</Badge>}
          </h2>
          <p className="text-sm text-muted-foreground" data-testid="recovery-codes-status">
            {status.total === 0
              ? hasFactor
                ? "You have no recovery codes yet. Make a set so that losing your passkey does not lock you out."
                : "Your recovery codes are made when you add your first passkey."
              : `${status.remaining} of ${status.total} left · made ${new Date(status.generatedAt!).toLocaleDateString()}. Each works once, only to replace a lost passkey or authenticator app.`}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {status.remaining > 0 && (
            <Button asChild variant="outline">
              <Link href="/account/recover">
                <LifeBuoy aria-hidden /> Use a code
              </Link>
            </Button>
          )}
          {hasFactor && (
            <ConfirmDialog
              trigger={<Button data-testid="regenerate-recovery-codes">{status.total === 0 ? "Make recovery codes" : "Regenerate"}</Button>}
              title={status.total === 0 ? "Make recovery codes?" : "Replace your recovery codes?"}
              description={
                status.total === 0
                  ? "You will confirm with your passkey, then see 10 codes once."
                  : "Your current codes stop working at once. You will confirm with your passkey, then see 10 new codes once."
              }
              confirmLabel={status.total === 0 ? "Make codes" : "Replace codes"}
              destructive={status.total > 0}
              onConfirm={onRegenerate}
            />
          )}
        </div>
      </div>
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
