"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { CreditCard, KeyRound, LayoutDashboard, Lock, ShieldHalf, BarChart3, UserRound, Fingerprint } from "lucide-react";
import { cn } from "@/lib/utils";
import { centerCurrent } from "@/components/shell/center-current";
import type { NavIcon, NavItem } from "@/lib/navigation";
import { UpgradePrompt } from "@/components/shell/upgrade-prompt";

const ICONS: Record<NavIcon, React.ComponentType<{ className?: string }>> = {
  overview: LayoutDashboard,
  reports: BarChart3,
  admin: ShieldHalf,
  apiKeys: KeyRound,
  verification: Fingerprint,
  billing: CreditCard,
  account: UserRound,
};

export function AppSidebar({ items, compact = false }: { items: NavItem[]; compact?: boolean }) {
  const pathname = usePathname();
  const [upgradeFor, setUpgradeFor] = useState<Extract<NavItem, { locked: true }> | null>(null);
  const list = useRef<HTMLUListElement>(null);

  // On a phone the sections are a row that scrolls sideways: bring the current one into view
  // on arrival and on every route change, so "where am I" is never off-screen.
  useEffect(() => {
    if (!compact) return;
    // The row that scrolls is the <nav> around this list (app/(app)/layout.tsx).
    centerCurrent(list.current?.parentElement ?? null);
  }, [compact, pathname]);

  return (
    <>
      <ul ref={list} className={cn(compact ? "flex gap-1" : "flex flex-col gap-0.5 p-3")}>
        {items.map((item) => {
          const Icon = ICONS[item.icon];
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          const className = cn(
            "flex w-full items-center gap-2 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium transition-colors",
            active ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:bg-accent/60 hover:text-foreground",
          );
          return (
            <li key={item.href}>
              {item.locked ? (
                <button type="button" className={className} data-testid={`nav-locked-${item.icon}`} onClick={() => setUpgradeFor(item)}>
                  <Icon className="size-4" />
                  <span>{item.label}</span>
                  <Lock className="ml-auto size-3.5" aria-label={`Locked: needs ${item.unlockPlan}`} />
                </button>
              ) : (
                <Link href={item.href} className={className} aria-current={active ? "page" : undefined}>
                  <Icon className="size-4" />
                  <span>{item.label}</span>
                </Link>
              )}
            </li>
          );
        })}
      </ul>
      <UpgradePrompt
        open={upgradeFor !== null}
        onOpenChange={(open) => !open && setUpgradeFor(null)}
        feature={upgradeFor?.feature ?? null}
        plan={upgradeFor?.unlockPlan ?? "pro"}
      />
    </>
  );
}
