// What the console shows when the guard says no: a finished state per refusal kind,
// never a dead end.
import Link from "next/link";
import { Lock, ShieldAlert, Sparkles, Timer } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PLANS } from "@/lib/licensing/policy";
import type { Refusal } from "@/lib/action-result";
import { StepUpEntry } from "@/components/admin/step-up-entry";
import { SsoRequiredNotice } from "@/components/sso/sso-required-notice";

export function AdminGate({ refusal, area = "the admin console" }: { refusal: Refusal; area?: string }) {
  switch (refusal.kind) {
    case "step_up_required":
      return <StepUpEntry refusal={refusal} />;
    case "plan_required":
      return (
        <EmptyState
          data-testid="admin-plan-required"
          icon={Sparkles}
          title={`The admin console is on the ${PLANS[refusal.plan].name} plan`}
          description={`Members, invitations, every member's sessions, the audit log and a custom step-up policy. Upgrade to ${PLANS[refusal.plan].name} to unlock them for this organisation.`}
          action={
            <Button asChild>
              <Link href={`/billing?upgrade=${refusal.plan}#plans`}>See plans</Link>
            </Button>
          }
        />
      );
    case "forbidden":
      return (
        <EmptyState
          data-testid="admin-forbidden"
          icon={Lock}
          title="Only admins and owners can open this"
          description={`Only admins and owners of this organisation can use ${area}. Ask an owner if you need access.`}
          action={
            <Button variant="outline" asChild>
              <Link href="/dashboard">Back to overview</Link>
            </Button>
          }
        />
      );
    case "sso_required":
      return <SsoRequiredNotice refusal={refusal} />;
    case "locked":
      return <EmptyState icon={Timer} title="Passkey checks are paused" description={refusal.message} />;
    default:
      return <EmptyState icon={ShieldAlert} title="We could not open the admin console" description={refusal.message} />;
  }
}
