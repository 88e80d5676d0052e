"use client";
// Members with their role (changeable by whoever the rules allow) and removal. Both are
// strict step-up actions; a fresh entry grant covers them, so no second prompt appears.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { KeyRound, MoreHorizontal, UserMinus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { changeMemberRoleAction, removeMemberAction } from "@/app/(app)/admin/actions";
import { ROLES, type Role } from "@/lib/licensing/policy";
import { reportOutcome } from "@/components/admin/notify";

export type MemberView = { userId: string; name: string; email: string; role: Role; joinedAt: string; passkeys: number };

const ROLE_LABEL: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };
const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

/** Mirrors lib/admin/member-rules.ts for display only; the server decides. */
function canManage(actorRole: Role, target: Role) {
  return actorRole === "owner" || (actorRole === "admin" && target !== "owner");
}

export function MembersTable({ members, actorRole, actorUserId }: { members: MemberView[]; actorRole: Role; actorUserId: string }) {
  const router = useRouter();
  const changeRole = useGuardedAction(changeMemberRoleAction, { actionId: "members.changeRole" });
  const remove = useGuardedAction(removeMemberAction, { actionId: "members.remove" });
  const [busy, setBusy] = useState<string | null>(null);
  const [removing, setRemoving] = useState<MemberView | null>(null);

  async function onRoleChange(member: MemberView, role: Role) {
    setBusy(member.userId);
    const outcome = await changeRole.run({ userId: member.userId, role });
    setBusy(null);
    if (reportOutcome(outcome, "Role not changed")) {
      toast({ title: "Role changed", description: `${member.name} is now ${ROLE_LABEL[role].toLowerCase()}.`, variant: "success" });
      router.refresh();
    }
  }

  async function onRemove() {
    if (!removing) return;
    const member = removing;
    setBusy(member.userId);
    const outcome = await remove.run({ userId: member.userId });
    setBusy(null);
    setRemoving(null);
    if (reportOutcome(outcome, "Member not removed")) {
      toast({ title: "Member removed", description: `${member.email} no longer has access to this organisation.`, variant: "success" });
      router.refresh();
    }
  }

  return (
    <>
      <Table data-testid="members-table">
        <TableHeader>
          <TableRow>
            <TableHead>Member</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Joined</TableHead>
            <TableHead>Passkeys</TableHead>
            <TableHead className="w-0" />
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.map((m) => {
            const manageable = canManage(actorRole, m.role);
            const roles = ROLES.filter((r) => actorRole === "owner" || r !== "owner");
            return (
              <TableRow key={m.userId} data-testid="member-row" data-email={m.email}>
                <TableCell>
                  <div className="flex items-center gap-3">
                    <div
                      className="flex size-8 shrink-0 items-center justify-center rounded-full bg-accent text-xs font-semibold uppercase text-accent-foreground"
                      aria-hidden
                    >
                      {m.name.slice(0, 1)}
                    </div>
                    <div className="min-w-0">
                      <div className="truncate font-medium">
                        {m.name}
                        {m.userId === actorUserId ? <span className="ml-2 text-xs font-normal text-muted-foreground">(you)</span> : null}
                      </div>
                      <div className="truncate text-xs text-muted-foreground">{m.email}</div>
                    </div>
                  </div>
                </TableCell>
                <TableCell>
                  {manageable ? (
                    <Select value={m.role} onValueChange={(r) => void onRoleChange(m, r as Role)} disabled={busy === m.userId}>
                      <SelectTrigger size="sm" className="w-32" aria-label={`Role of ${m.name}`} data-testid="member-role">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {roles.map((r) => (
                          <SelectItem key={r} value={r}>
                            {ROLE_LABEL[r]}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  ) : (
                    <Badge variant={m.role === "owner" ? "default" : "secondary"} title="Only owners can change an owner">
                      {ROLE_LABEL[m.role]}
                    </Badge>
                  )}
                </TableCell>
                <TableCell className="text-muted-foreground">{date.format(new Date(m.joinedAt))}</TableCell>
                <TableCell>
                  {m.passkeys > 0 ? (
                    <span className="inline-flex items-center gap-1.5">
                      <KeyRound className="size-3.5 text-success" aria-hidden /> {m.passkeys}
                    </span>
                  ) : (
                    <span className="text-muted-foreground">None yet</span>
                  )}
                </TableCell>
                <TableCell>
                  {manageable ? (
                    <DropdownMenu>
                      <DropdownMenuTrigger asChild>
                        <Button variant="ghost" size="icon" aria-label={`Actions for ${m.name}`} disabled={busy === m.userId}>
                          <MoreHorizontal aria-hidden />
                        </Button>
                      </DropdownMenuTrigger>
                      <DropdownMenuContent>
                        <DropdownMenuItem variant="destructive" onSelect={() => setRemoving(m)}>
                          <UserMinus aria-hidden /> {m.userId === actorUserId ? "Leave organisation" : "Remove from organisation"}
                        </DropdownMenuItem>
                      </DropdownMenuContent>
                    </DropdownMenu>
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Dialog open={removing !== null} onOpenChange={(open) => !open && busy === null && setRemoving(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Remove {removing?.name}?</DialogTitle>
            <DialogDescription>
              {removing?.email} loses access to this organisation at once, and any passkey verification they hold here ends. Their own
              workspace is not affected.
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="outline" onClick={() => setRemoving(null)} disabled={busy !== null}>
              Cancel
            </Button>
            <Button variant="destructive" onClick={() => void onRemove()} loading={busy !== null} data-testid="confirm-remove">
              Remove member
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
