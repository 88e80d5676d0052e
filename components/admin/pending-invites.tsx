"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { MailX } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { revokeInviteAction } from "@/app/(app)/admin/actions";
import { reportOutcome } from "@/components/admin/notify";

export type InviteView = { id: string; email: string; role: string; createdAt: string; expiresAt: string; invitedBy: string | null };
const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export function PendingInvites({ invites }: { invites: InviteView[] }) {
  const router = useRouter();
  const revoke = useGuardedAction(revokeInviteAction, { actionId: "members.invite" });
  const [busy, setBusy] = useState<string | null>(null);

  async function onRevoke(invite: InviteView) {
    setBusy(invite.id);
    const outcome = await revoke.run({ inviteId: invite.id });
    setBusy(null);
    if (reportOutcome(outcome, "Invitation not withdrawn")) {
      toast({ title: "Invitation withdrawn", description: `The link sent to ${invite.email} no longer works.`, variant: "success" });
      router.refresh();
    }
  }

  return (
    <Table data-testid="pending-invites">
      <TableHeader>
        <TableRow>
          <TableHead>Email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Invited</TableHead>
          <TableHead>Expires</TableHead>
          <TableHead className="w-0" />
        </TableRow>
      </TableHeader>
      <TableBody>
        {invites.map((i) => (
          <TableRow key={i.id}>
            <TableCell className="font-medium">{i.email}</TableCell>
            <TableCell>
              <Badge variant="outline" className="capitalize">
                {i.role}
              </Badge>
            </TableCell>
            <TableCell className="text-muted-foreground">
              {date.format(new Date(i.createdAt))}
              {i.invitedBy ? ` by ${i.invitedBy}` : ""}
            </TableCell>
            <TableCell className="text-muted-foreground">{date.format(new Date(i.expiresAt))}</TableCell>
            <TableCell>
              <Button variant="ghost" size="sm" onClick={() => void onRevoke(i)} loading={busy === i.id}>
                <MailX aria-hidden /> Withdraw
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
