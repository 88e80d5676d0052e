"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { KeyRound, MonitorSmartphone, ScrollText, ShieldCheck, Users } from "lucide-react";
import { cn } from "@/lib/utils";
import { centerCurrent } from "@/components/shell/center-current";

const TABS = [
  { href: "/admin/members", label: "Members", icon: Users },
  { href: "/admin/sessions", label: "Sessions", icon: MonitorSmartphone },
  { href: "/admin/audit", label: "Audit log", icon: ScrollText },
  { href: "/admin/security", label: "Security policy", icon: ShieldCheck },
  { href: "/admin/sso", label: "Single sign-on", icon: KeyRound },
] as const;

export function AdminTabs() {
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  // The tabs scroll sideways on a phone: keep the current one in view after each navigation.
  useEffect(() => {
    centerCurrent(nav.current);
  }, [pathname]);
  return (
    <nav ref={nav} aria-label="Admin console" className="flex gap-1 overflow-x-auto border-b">
      {TABS.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px flex items-center gap-2 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium transition-colors",
              active ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
