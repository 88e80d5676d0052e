// How a subscription's status and dates read to people.
import { Badge } from "@/components/ui/badge";
import type { License } from "@/lib/licensing/get-license";

const LABELS: Record<string, { label: string; variant: "success" | "warning" | "destructive" | "secondary" }> = {
  active: { label: "Active", variant: "success" },
  trialing: { label: "Trial", variant: "success" },
  past_due: { label: "Payment failed", variant: "warning" },
  unpaid: { label: "Unpaid", variant: "destructive" },
  canceled: { label: "Cancelled", variant: "secondary" },
  incomplete: { label: "Incomplete", variant: "warning" },
  incomplete_expired: { label: "Expired", variant: "secondary" },
  paused: { label: "Paused", variant: "secondary" },
};

export function SubscriptionStatusBadge({ status }: { status: string }) {
  const s = LABELS[status] ?? { label: status, variant: "secondary" as const };
  return (
    <Badge variant={s.variant} data-testid="billing-status" data-status={status}>
      {s.label}
    </Badge>
  );
}

const fmt = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function describeRenewal(
  license: Pick<License, "status" | "currentPeriodEnd" | "cancelAtPeriodEnd" | "trialEnd" | "graceEndsAt" | "seats">,
): string {
  const seats = `${license.seats} seat${license.seats === 1 ? "" : "s"}`;
  const end = license.currentPeriodEnd;
  switch (license.status) {
    case null:
      return "Free forever. Upgrade whenever you need more.";
    case "trialing":
      return license.trialEnd
        ? `Trial ends ${fmt(license.trialEnd)}${license.cancelAtPeriodEnd ? " (will not convert)" : ""}. ${seats}.`
        : `In trial. ${seats}.`;
    case "active":
      if (!end) return `Active. ${seats}.`;
      return license.cancelAtPeriodEnd ? `Cancels on ${fmt(end)}; until then nothing changes. ${seats}.` : `Renews ${fmt(end)}. ${seats}.`;
    case "past_due":
      return license.graceEndsAt
        ? `The last payment failed. Features stay on until ${fmt(license.graceEndsAt)} — update the payment method before then.`
        : "The last payment failed.";
    case "canceled":
      return "The subscription has ended; the organisation is on Free.";
    default:
      return "The subscription is not active; the organisation is on Free.";
  }
}
