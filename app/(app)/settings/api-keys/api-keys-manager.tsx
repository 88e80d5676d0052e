"use client";
// The API keys page's client part: on a plan without API access, the way to a plan with it;
// otherwise how many keys are in use against the plan's limit, the key just created (shown
// once), the list with its revoke per row, and the create dialog. The list is the server's:
// each change refreshes it (router.refresh) rather than editing a copy here.
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { KeyRound, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { ApiKeyListItem } from "@/lib/api-keys/list-api-keys";
import type { PlanId } from "@/lib/licensing/policy";
import { ApiKeyList } from "./api-key-list";
import { CreateApiKeyDialog } from "./create-api-key-dialog";
import { NewApiKeyAlert } from "./new-api-key-alert";

type Props = { keys: ApiKeyListItem[]; canManage: boolean; upgradePlan: PlanId | null; upgradePlanName: string | null; limit: number };

// The step-up modal comes from the app layout's one StepUpProvider.
export function ApiKeysManager({ keys, canManage, upgradePlan, upgradePlanName, limit }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
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
      {created && <NewApiKeyAlert created={created} />}
      <ApiKeyList keys={keys} canManage={canManage} />
      <CreateApiKeyDialog
        open={open}
        onOpenChange={setOpen}
        onCreated={(key) => {
          setOpen(false);
          setCreated(key);
          router.refresh();
        }}
      />
    </div>
  );
}
