"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { Monitor } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { revokeOwnSessionAction } from "@/app/(app)/actions";
import { describeUserAgent } from "@/components/account/describe-user-agent";

type SessionRow = { id: string; userAgent: string; ip: string; createdAt: string; lastSeenAt: string };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function SessionList({ sessions, currentSid }: { sessions: SessionRow[]; currentSid: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function revoke(id: string) {
    startTransition(async () => {
      const result = await revokeOwnSessionAction(id);
      if (!result.ok) {
        toast({ title: "Could not revoke the session", description: result.error.message, variant: "destructive" });
        return;
      }
      toast({ title: "Session revoked", description: "That browser is signed out.", variant: "success" });
      router.refresh();
    });
  }

  return (
    <Table data-testid="session-list">
      <TableHeader>
        <TableRow>
          <TableHead>Device</TableHead>
          <TableHead>IP address</TableHead>
          <TableHead>Signed in</TableHead>
          <TableHead>Last seen</TableHead>
          <TableHead className="w-0" />
        </TableRow>
      </TableHeader>
      <TableBody>
        {sessions.map((s) => (
          <TableRow key={s.id} data-testid="session-row" data-session-id={s.id}>
            <TableCell>
              <div className="flex items-center gap-2">
                <Monitor className="size-4 text-muted-foreground" aria-hidden />
                <span>{describeUserAgent(s.userAgent)}</span>
                {s.id === currentSid ? <Badge variant="secondary">This browser</Badge> : null}
              </div>
            </TableCell>
            <TableCell className="font-mono text-xs">{s.ip || "—"}</TableCell>
            <TableCell>{when.format(new Date(s.createdAt))}</TableCell>
            <TableCell>{when.format(new Date(s.lastSeenAt))}</TableCell>
            <TableCell>
              {s.id === currentSid ? null : (
                <Button size="sm" variant="outline" disabled={pending} onClick={() => revoke(s.id)} data-testid="revoke-session">
                  Revoke
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
