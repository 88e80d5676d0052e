// Who to ask, on the billing page: the page as a non-owner sees it (billing.view refused:
// the owners by name and email, or why billing is unavailable), and the note under the plan
// for everyone who may look but not change it. Server-rendered.
import { Info } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { Refusal } from "@/lib/action-result";

type Owner = { name: string; email: string };

export function BillingRefused({ error, owners }: { error: Refusal; owners: Owner[] }) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Billing</h1>
      <Alert data-testid="billing-ask-owner">
        <Info aria-hidden />
        <AlertTitle>{error.kind === "forbidden" ? "Only owners can see and change billing" : "Billing is not available"}</AlertTitle>
        <AlertDescription>
          {error.kind === "forbidden"
            ? `Ask ${owners.map((o) => `${o.name} (${o.email})`).join(" or ") || "an owner of this organisation"} to upgrade or change billing.`
            : error.message}
        </AlertDescription>
      </Alert>
    </div>
  );
}

export function AskOwnerAlert({ owners }: { owners: Owner[] }) {
  return (
    <Alert data-testid="billing-ask-owner">
      <Info aria-hidden />
      <AlertTitle>Only owners can change the plan</AlertTitle>
      <AlertDescription>
        Ask {owners.map((o) => `${o.name} (${o.email})`).join(" or ") || "an owner of this organisation"} to upgrade or change billing.
      </AlertDescription>
    </Alert>
  );
}
