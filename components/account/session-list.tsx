"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { revokeOwnSessionAction } from "@/app/(app)/actions";
import { SessionCells, SessionHeads, type SessionFacts } from "@/components/account/session-cells";

type SessionRow = SessionFacts & { id: string };

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
          <SessionHeads />
          <TableHead className="w-0" />
        </TableRow>
      </TableHeader>
      <TableBody>
        {sessions.map((s) => (
          <TableRow key={s.id} data-testid="session-row" data-session-id={s.id}>
            <SessionCells session={s} current={s.id === currentSid} />
            <TableCell>
              {s.id === currentSid ? null : (
                <ConfirmDialog
                  trigger={
                    <Button size="sm" variant="outline" disabled={pending} data-testid="revoke-session">
                      Revoke
                    </Button>
                  }
                  title="Sign that browser out?"
                  description="It is signed out at its next request and any passkey check held in it ends. You can sign in there again."
                  confirmLabel="Revoke session"
                  destructive
                  onConfirm={() => revoke(s.id)}
                />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
