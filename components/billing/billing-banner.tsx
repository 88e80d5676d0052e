// The app-wide billing banner (app layout): a failed payment, a trial about to end, a
// subscription set to end — with the owner's way to fix it, or the owners to ask.
import "server-only";
import Link from "next/link";
import { AlertTriangle, CreditCard } from "lucide-react";
import { Button } from "@/components/ui/button";
import { BillingActionButton } from "@/components/billing/action-button";
import { billingNotice } from "@/lib/billing/billing-notice";
import { isLocalBilling } from "@/lib/billing/provider";
import { listOrgOwners } from "@/lib/orgs/list-org-owners";
import type { License } from "@/lib/licensing/get-license";
import type { Role } from "@/lib/licensing/policy";
import { cn } from "@/lib/utils";
import { localPortalAction, openPortalAction } from "@/app/(app)/billing/actions";

export async function BillingBanner({ license, role, orgId, now }: { license: License; role: Role; orgId: string; now: Date }) {
  const notice = billingNotice(license, role, now);
  if (!notice) return null;
  const owners = notice.askOwner ? await listOrgOwners({ orgId }) : [];
  const ask = owners.map((o) => `${o.name} (${o.email})`).join(" or ") || "an owner of this organisation";
  // Renewing after a cancel is one click at the local provider; Stripe's portal does it there.
  const renewHere = notice.action === "renew" && (await isLocalBilling());

  return (
    <div
      role={notice.tone === "destructive" ? "alert" : "status"}
      data-testid="billing-banner"
      data-kind={notice.kind}
      className={cn(
        "flex flex-col gap-2 border-b px-4 py-2 text-sm sm:flex-row sm:items-center md:px-6",
        notice.tone === "destructive"
          ? "border-destructive/30 bg-destructive/10 text-destructive"
          : "border-warning/50 bg-warning/10 text-warning-foreground",
      )}
    >
      <AlertTriangle className="size-4 shrink-0" aria-hidden />
      <p className="flex-1">
        <span className="font-medium">{notice.title}.</span> {notice.body}
        {notice.askOwner && <> Ask {ask}.</>}
      </p>
      {notice.action === "review" && (
        <Button asChild size="sm" variant="outline">
          <Link href="/billing">{notice.actionLabel}</Link>
        </Button>
      )}
      {notice.action === "update_payment" && (
        <BillingActionButton action={openPortalAction} input={{}} actionId="billing.manage" size="sm" data-testid="banner-update-payment">
          <CreditCard aria-hidden /> {notice.actionLabel}
        </BillingActionButton>
      )}
      {notice.action === "renew" &&
        (renewHere ? (
          <BillingActionButton
            action={localPortalAction}
            input={{ op: "resume" }}
            actionId="billing.manage"
            size="sm"
            successMessage="Your subscription continues"
            data-testid="banner-renew"
          >
            {notice.actionLabel}
          </BillingActionButton>
        ) : (
          <BillingActionButton action={openPortalAction} input={{}} actionId="billing.manage" size="sm" data-testid="banner-renew">
            {notice.actionLabel}
          </BillingActionButton>
        ))}
    </div>
  );
}
