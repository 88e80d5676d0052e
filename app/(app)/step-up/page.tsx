// /step-up — what this session has verified recently, and which actions ask for a
// passkey check on this org's plan (after its security policy).
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-session";
import { getLicense } from "@/lib/licensing/get-license";
import { listSessionGrants } from "@/lib/step-up/list-session-grants";
import { now as clockNow } from "@/lib/clock";
import { ACTIONS, PLANS, planAllows, stepUpRequirement, STEP_UP_PRESETS, type ActionId } from "@/lib/licensing/policy";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { ShieldCheck } from "lucide-react";

export const metadata: Metadata = { title: "Recent checks" };

export const dynamic = "force-dynamic";

function ageLabel(maxAge: number) {
  const preset = Object.entries(STEP_UP_PRESETS).find(([, p]) => p.maxAge === maxAge);
  return preset ? preset[1].label : `${Math.round(maxAge / 60)} minutes`;
}

// long: one server component: the factor choices render from one decision about the pending action
export default async function StepUpPage() {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in?callbackUrl=/step-up");
  const now = await clockNow();
  const license = await getLicense({ orgId: session.org.id, now });
  const grants = await listSessionGrants({ sessionId: session.sid, orgId: session.org.id, now });
  const rows = (Object.keys(ACTIONS) as ActionId[])
    .filter((id) => planAllows(id, license.plan).ok)
    .map((id) => ({ id, requirement: stepUpRequirement(id, license.plan, license.stepUpOverrides) }))
    .filter((r) => r.requirement);

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Verification</h1>
        <p className="text-sm text-muted-foreground">
          Sensitive actions on the {PLANS[license.plan].name} plan ask for a fresh passkey check. Checks belong to this browser session and
          this organisation only.
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Recent checks in this session</CardTitle>
        </CardHeader>
        <CardContent>
          {grants.length === 0 ? (
            <EmptyState
              icon={ShieldCheck}
              title="No recent passkey checks"
              description="When you confirm an action with your passkey, it shows up here."
            />
          ) : (
            <Table data-testid="session-grants">
              <TableHeader>
                <TableRow>
                  <TableHead>Verified</TableHead>
                  <TableHead>Passkey</TableHead>
                  <TableHead>For</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {grants.map((g) => (
                  <TableRow key={g.id}>
                    <TableCell>{g.verifiedAt.toLocaleString()}</TableCell>
                    <TableCell>{g.passkeyName}</TableCell>
                    <TableCell>
                      {g.actionId ? `${ACTIONS[g.actionId as ActionId]?.label ?? g.actionId} (once)` : "Any action, within its limit"}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>What needs a check on your plan</CardTitle>
        </CardHeader>
        <CardContent>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Action</TableHead>
                <TableHead>Passkey check</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{ACTIONS[r.id].label}</TableCell>
                  <TableCell>{ageLabel(r.requirement!.maxAge)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
