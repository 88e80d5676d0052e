"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Monitor } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { revokeMemberSessionAction } from "@/app/(app)/admin/actions";
import { describeUserAgent } from "@/components/account/describe-user-agent";
import type { Role } from "@/lib/licensing/policy";
import { reportOutcome } from "@/components/admin/notify";

export type MemberSessionView = { id: string; userId: string; name: string; email: string; role: Role; userAgent: string; ip: string; createdAt: string; lastSeenAt: string };
const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function MemberSessionsTable({ sessions, currentSid, actorRole }: { sessions: MemberSessionView[]; currentSid: string; actorRole: Role }) {
  const router = useRouter();
  const revoke = useGuardedAction(revokeMemberSessionAction, { actionId: "sessions.revokeMember" });
  const [busy, setBusy] = useState<string | null>(null);

  async function onRevoke(s: MemberSessionView) {
    setBusy(s.id);
    const outcome = await revoke.run({ sessionId: s.id });
    setBusy(null);
    if (reportOutcome(outcome, "Session not revoked")) {
      toast({ title: "Session revoked", description: `${s.name} is signed out of ${describeUserAgent(s.userAgent)}.`, variant: "success" });
      router.refresh();
    }
  }

  return (
    <Table data-testid="member-sessions">
      <TableHeader>
        <TableRow>
          <TableHead>Member</TableHead>
          <TableHead>Device</TableHead>
          <TableHead>IP address</TableHead>
          <TableHead>Signed in</TableHead>
          <TableHead>Last seen</TableHead>
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
              <TableCell>
                <div className="flex items-center gap-2">
                  <Monitor className="size-4 text-muted-foreground" aria-hidden />
                  {describeUserAgent(s.userAgent)}
                  {mine ? <Badge variant="secondary">This browser</Badge> : null}
                </div>
              </TableCell>
              <TableCell className="font-mono text-xs">{s.ip || "—"}</TableCell>
              <TableCell className="text-muted-foreground">{when.format(new Date(s.createdAt))}</TableCell>
              <TableCell className="text-muted-foreground">{when.format(new Date(s.lastSeenAt))}</TableCell>
              <TableCell>
                {mine || !allowed ? null : (
                  <Button size="sm" variant="outline" onClick={() => void onRevoke(s)} loading={busy === s.id}>
                    Revoke
                  </Button>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
