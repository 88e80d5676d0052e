// The enterprise admin console: admins and owners, with a strict step-up on entry
// (admin.view). Each page re-asks the guard itself through its own guarded read (a layout is
// not re-rendered on client-side navigation between tabs, so a layout-only check would let a
// stale tab render without a fresh decision); the layout's own check only decides whether to
// show the tabs. The step-up modal comes from the app layout's one StepUpProvider.
import type { Metadata } from "next";
import { getCurrentSession } from "@/lib/auth/current-session";
import { adminConsoleGate } from "@/app/(app)/admin/reads";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { AdminGate } from "@/components/admin/admin-gate";

export const metadata: Metadata = { title: { default: "Admin console", template: "%s · Admin console · tiergate" } };

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const [session, access] = await Promise.all([getCurrentSession(), adminConsoleGate({ input: {} })]);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Admin console</h1>
        <p className="text-sm text-muted-foreground">
          {session ? `${session.org.name} · ` : null}people, sessions, the audit trail and step-up policy.
        </p>
      </div>
      {access.ok ? (
        <>
          <AdminTabs />
          {children}
        </>
      ) : (
        <AdminGate refusal={access.error} />
      )}
    </div>
  );
}
