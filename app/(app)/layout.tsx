// The signed-in shell: navigation from the policy, org switcher, user menu. Everything
// under it requires a live session (a revoked one lands on sign-in).
import { requireSession } from "@/lib/auth/current-session";
import { getLicense } from "@/lib/licensing/get-license";
import { navigationFor } from "@/lib/navigation";
import { AppSidebar } from "@/components/shell/app-sidebar";
import { OrgSwitcher } from "@/components/shell/org-switcher";
import { UserMenu } from "@/components/shell/user-menu";
import { PlanBadge } from "@/components/shell/plan-badge";
import { Logo } from "@/components/shell/logo";
import { LicenseLiveUpdates } from "@/components/licensing/license-live-updates";
import { StepUpProvider } from "@/components/step-up/step-up-provider";
import { VerifyEmailBanner } from "@/components/auth/verify-email-banner";
import { BillingBanner } from "@/components/billing/billing-banner";
import { PlanChangeToast } from "@/components/shell/plan-change-toast";
import { now } from "@/lib/clock";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  const license = await getLicense({ orgId: session.org.id });
  const nav = navigationFor({ plan: license.plan, role: session.role });

  // The step-up provider wraps the whole shell: the billing banner's buttons are guarded actions too.
  return (
    <StepUpProvider>
      <div className="flex min-h-screen">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <aside className="hidden w-60 shrink-0 flex-col border-r bg-muted/30 md:flex">
          <div className="flex h-14 items-center border-b px-4">
            <Logo href="/dashboard" />
          </div>
          <AppSidebar items={nav} />
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-14 items-center gap-3 border-b px-4 md:px-6">
            <OrgSwitcher
              current={{ id: session.org.id, name: session.org.name }}
              memberships={session.memberships.map((m) => ({ orgId: m.orgId, name: m.name, role: m.role }))}
            />
            <PlanBadge plan={license.plan} />
            <div className="ml-auto">
              <UserMenu name={session.user.name} email={session.user.email} />
            </div>
          </header>
          <VerifyEmailBanner userId={session.user.id} email={session.user.email} />
          <BillingBanner license={license} role={session.role} orgId={session.org.id} now={await now()} />
          <nav className="flex gap-1 overflow-x-auto border-b px-2 py-1 md:hidden" aria-label="Sections">
            <AppSidebar items={nav} compact />
          </nav>
          {/* tabIndex -1: the skip link lands here, and so does focus when a dialog's opener is gone. */}
          <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 outline-none md:px-8">
            {children}
          </main>
        </div>
        <LicenseLiveUpdates />
        <PlanChangeToast plan={license.plan} status={license.status} />
      </div>
    </StepUpProvider>
  );
}
