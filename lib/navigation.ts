// App navigation, derived from the policy: an item whose feature the plan lacks stays
// visible with a lock and the plan that unlocks it (never a dead end); items above the
// member's role are hidden. Pure, so the shell and tests share it.
import { cheapestPlanWith, planHasFeature, roleAtLeast, type Feature, type PlanId, type Role } from "@/lib/licensing/policy";

export type NavIcon = "overview" | "reports" | "admin" | "apiKeys" | "verification" | "billing" | "account";

type NavDefinition = { href: string; label: string; icon: NavIcon; feature: Feature | null; minRole: Role };

export const NAV_ITEMS: readonly NavDefinition[] = [
  { href: "/dashboard", label: "Overview", icon: "overview", feature: null, minRole: "member" },
  { href: "/reports", label: "Reports", icon: "reports", feature: "reports", minRole: "member" },
  { href: "/admin", label: "Admin console", icon: "admin", feature: "admin_console", minRole: "admin" },
  { href: "/settings/api-keys", label: "API keys", icon: "apiKeys", feature: "api_access", minRole: "admin" },
  { href: "/step-up", label: "Verification", icon: "verification", feature: null, minRole: "member" },
  { href: "/billing", label: "Billing", icon: "billing", feature: null, minRole: "owner" },
  { href: "/account", label: "Account", icon: "account", feature: null, minRole: "member" },
];

export type NavItem = (NavDefinition & { locked: false }) | (NavDefinition & { locked: true; unlockPlan: PlanId });

export function navigationFor({ plan, role }: { plan: PlanId; role: Role }): NavItem[] {
  return NAV_ITEMS.filter((item) => roleAtLeast(role, item.minRole)).map((item) =>
    item.feature && !planHasFeature(plan, item.feature)
      ? { ...item, locked: true as const, unlockPlan: cheapestPlanWith(item.feature) }
      : { ...item, locked: false as const },
  );
}
