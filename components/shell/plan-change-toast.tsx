"use client";
// Mounted once in the app shell: when the organisation's plan (or its payment state) changes
// while this tab is open — an owner upgraded in another tab, on another device, or a renewal
// failed — the live license update re-renders the page in place, and this says what changed.
// The tab that made the change says so itself (its own confirmation), so it stays quiet here.
import { useEffect, useRef } from "react";
import { toast } from "@/components/ui/use-toast";
import { LICENSE_CHANGED_EVENT, type LicenseChangedDetail } from "@/components/licensing/license-live-updates";
import { changedHereRecently } from "@/components/billing/plan-change-signal";
import { PLANS, isPlanId } from "@/lib/licensing/policy";

export function PlanChangeToast({ plan, status }: { plan: string; status: string | null }) {
  const last = useRef({ plan, status });
  useEffect(() => {
    const onChange = (e: Event) => {
      const detail = (e as CustomEvent<LicenseChangedDetail | null>).detail;
      if (!detail) return;
      const before = last.current;
      last.current = { plan: detail.plan, status: detail.status };
      if (changedHereRecently()) return;
      if (detail.status === "past_due" && before.status !== "past_due") {
        toast({ title: "A payment failed", description: "The billing banner says what happens next.", variant: "destructive" });
      } else if (detail.plan !== before.plan && isPlanId(detail.plan)) {
        toast({ title: `This organisation is now on ${PLANS[detail.plan].name}`, description: "The page has updated to match." });
      }
    };
    window.addEventListener(LICENSE_CHANGED_EVENT, onChange);
    return () => window.removeEventListener(LICENSE_CHANGED_EVENT, onChange);
  }, []);
  return null;
}
