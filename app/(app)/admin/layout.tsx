// The enterprise admin console: admins and owners, with a strict step-up on entry
// (admin.view). Each page re-asks the guard itself (see getAdminAccess); the layout's own
// check only decides whether to show the tabs.
import type { Metadata } from "next";
import { getAdminAccess } from "@/lib/admin/get-admin-access";
import { StepUpProvider } from "@/components/step-up/step-up-provider";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { AdminGate } from "@/components/admin/admin-gate";

export const metadata: Metadata = { title: { default: "Admin console", template: "%s · Admin console" } };

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const access = await getAdminAccess("admin.view");
  return (
    <StepUpProvider>
      <div className="mx-auto max-w-6xl space-y-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Admin console</h1>
          <p className="text-sm text-muted-foreground">
            {access.session ? `${access.session.org.name} · ` : null}people, sessions, the audit trail and step-up policy.
          </p>
        </div>
        {access.ok ? (
          <>
            <AdminTabs />
            {children}
          </>
        ) : (
          <AdminGate refusal={access.decision.refusal} />
        )}
      </div>
    </StepUpProvider>
  );
}
