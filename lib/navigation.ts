// App navigation, keyed by action id: can() decides each item, as the guard decides the page.
// An item whose plan lacks the feature stays visible with a lock and the plan that unlocks
// it (never a dead end); an item above the member's role is hidden. Pure, so the shell and
// tests share it.
import { can, type ActionId, type Feature, type PlanId, type Role } from "@/lib/licensing/policy";

export type NavIcon = "overview" | "reports" | "admin" | "apiKeys" | "verification" | "billing" | "account";

/** `action`: the action whose can() shows the item; null for the member's own pages. */
type NavDefinition = { href: string; label: string; icon: NavIcon; action: ActionId | null };

export const NAV_ITEMS: readonly NavDefinition[] = [
  { href: "/dashboard", label: "Overview", icon: "overview", action: "license.view" },
  { href: "/reports", label: "Reports", icon: "reports", action: "reports.view" },
  { href: "/admin", label: "Admin console", icon: "admin", action: "admin.view" },
  { href: "/settings/api-keys", label: "API keys", icon: "apiKeys", action: "apiKeys.create" },
  { href: "/step-up", label: "Verification", icon: "verification", action: null },
  { href: "/billing", label: "Billing", icon: "billing", action: "billing.view" },
  { href: "/account", label: "Account", icon: "account", action: null },
];

export type NavItem = (NavDefinition & { locked: false }) | (NavDefinition & { locked: true; feature: Feature; unlockPlan: PlanId });

export function navigationFor({ plan, role }: { plan: PlanId; role: Role }): NavItem[] {
  return NAV_ITEMS.flatMap((item): NavItem[] => {
    const verdict = item.action ? can(item.action, { plan, role }) : ({ ok: true } as const);
    if (verdict.ok) return [{ ...item, locked: false }];
    if (verdict.reason === "role") return [];
    return [{ ...item, locked: true, feature: verdict.feature, unlockPlan: verdict.plan }];
  });
}
