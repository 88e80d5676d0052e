"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { revokeMemberSessionAction } from "@/app/(app)/admin/actions";
import { describeUserAgent } from "@/components/account/describe-user-agent";
import { SessionCells, SessionHeads, type SessionFacts } from "@/components/account/session-cells";
import type { Role } from "@/lib/licensing/policy";
import { firstMessage } from "@/components/admin/notify";
import { ConfirmDialog, type ConfirmOutcome } from "@/components/ui/confirm-dialog";

export type MemberSessionView = SessionFacts & { id: string; userId: string; name: string; email: string; role: Role };

export function MemberSessionsTable({
  sessions,
  currentSid,
  actorRole,
}: {
  sessions: MemberSessionView[];
  currentSid: string;
  actorRole: Role;
}) {
  const router = useRouter();
  const revoke = useGuardedAction(revokeMemberSessionAction, { actionId: "sessions.revokeMember" });

  async function onRevoke(s: MemberSessionView): Promise<ConfirmOutcome> {
    const outcome = await revoke.run({ sessionId: s.id });
    if (!outcome.ok) return outcome.error.kind === "cancelled" ? { keepOpen: true } : { error: firstMessage(outcome.error) };
    toast({ title: "Session revoked", description: `${s.name} is signed out of ${describeUserAgent(s.userAgent)}.`, variant: "success" });
    router.refresh();
  }

  return (
    <Table data-testid="member-sessions">
      <TableHeader>
        <TableRow>
          <TableHead>Member</TableHead>
          <SessionHeads />
          <TableHead className="w-0" />
        </TableRow>
      </TableHeader>
      <TableBody>
        {sessions.map((s) => {
          const mine = s.id === currentSid;
          const allowed = actorRole === "owner" || s.role !== "owner";
          return (
            <TableRow key={s.id} data-testid="member-session-row">
              <TableCell>
                <div className="font-medium">{s.name}</div>
                <div className="text-xs text-muted-foreground">
                  {s.email} · <span className="capitalize">{s.role}</span>
                </div>
              </TableCell>
              <SessionCells session={s} current={mine} />
              <TableCell>
                {mine || !allowed ? null : (
                  <ConfirmDialog
                    trigger={
                      <Button size="sm" variant="outline" aria-label={`Revoke ${s.name}'s session on ${describeUserAgent(s.userAgent)}`}>
                        Revoke
                      </Button>
                    }
                    title={`Sign ${s.name} out of ${describeUserAgent(s.userAgent)}?`}
                    description={`That browser is signed out at its next request and any passkey check held in it ends. ${s.name} can sign in again; to keep them out, remove them from the organisation.`}
                    confirmLabel="Revoke session"
                    pendingLabel="Revoking…"
                    destructive
                    onConfirm={() => onRevoke(s)}
                  />
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
