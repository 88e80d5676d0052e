"use client";
// Members with their role (changeable by whoever the rules allow) and removal. Both are
// strict step-up actions; a fresh entry grant covers them, so no second prompt appears.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { KeyRound, UserMinus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ConfirmDialog, type ConfirmOutcome } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { changeMemberRoleAction, removeMemberAction } from "@/app/(app)/admin/actions";
import { ROLES, type Role } from "@/lib/licensing/policy";
import { firstMessage } from "@/components/admin/notify";

export type MemberView = { userId: string; name: string; email: string; role: Role; joinedAt: string; passkeys: number };

const ROLE_LABEL: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };
const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

/** Mirrors lib/admin/member-rules.ts for display only; the server decides. */
function canManage(actorRole: Role, target: Role) {
  return actorRole === "owner" || (actorRole === "admin" && target !== "owner");
}

// long: one table whose rows, role menus and remove confirms share one optimistic member list
export function MembersTable({ members, actorRole, actorUserId }: { members: MemberView[]; actorRole: Role; actorUserId: string }) {
  const router = useRouter();
  const changeRole = useGuardedAction(changeMemberRoleAction, { actionId: "members.changeRole" });
  const remove = useGuardedAction(removeMemberAction, { actionId: "members.remove" });
  const [busy, setBusy] = useState<string | null>(null);
  const [promoting, setPromoting] = useState<MemberView | null>(null);

  async function changeTo(member: MemberView, role: Role): Promise<ConfirmOutcome> {
    setBusy(member.userId);
    const outcome = await changeRole.run({ userId: member.userId, role });
    setBusy(null);
    if (!outcome.ok) return outcome.error.kind === "cancelled" ? { keepOpen: true } : { error: firstMessage(outcome.error) };
    toast({ title: "Role changed", description: `${member.name} is now ${ROLE_LABEL[role].toLowerCase()}.`, variant: "success" });
    router.refresh();
  }

  // Making someone an owner hands them billing, every member and the security policy: that one
  // is confirmed; moving between member and admin is everyday work and happens at once.
  function onRoleChange(member: MemberView, role: Role) {
    if (role === "owner") return setPromoting(member);
    void changeTo(member, role).then((outcome) => {
      if (outcome && "error" in outcome) toast({ title: "Role not changed", description: outcome.error, variant: "destructive" });
    });
  }

  async function onRemove(member: MemberView): Promise<ConfirmOutcome> {
    setBusy(member.userId);
    const outcome = await remove.run({ userId: member.userId });
    setBusy(null);
    if (!outcome.ok) return outcome.error.kind === "cancelled" ? { keepOpen: true } : { error: firstMessage(outcome.error) };
    toast({ title: "Member removed", description: `${member.email} no longer has access to this organisation.`, variant: "success" });
    router.refresh();
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
                  <MemberIdentity name={m.name} email={m.email} isYou={m.userId === actorUserId} />
                </TableCell>
                <TableCell>
                  {manageable ? (
                    <Select value={m.role} onValueChange={(r) => void onRoleChange(m, r as Role)} disabled={busy === m.userId}>
                      <SelectTrigger
                        size="sm"
                        className="w-32"
                        aria-label={`${ROLE_LABEL[m.role]}, role of ${m.name}`}
                        data-testid="member-role"
                      >
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
                    <ConfirmDialog
                      trigger={
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={m.userId === actorUserId ? "Leave this organisation" : `Remove ${m.name}`}
                          disabled={busy === m.userId}
                        >
                          <UserMinus aria-hidden /> {m.userId === actorUserId ? "Leave" : "Remove"}
                        </Button>
                      }
                      title={m.userId === actorUserId ? "Leave this organisation?" : `Remove ${m.name}?`}
                      description={`${m.userId === actorUserId ? "You lose" : `${m.email} loses`} access to this organisation at once, and any passkey check held here ends. ${m.userId === actorUserId ? "Your" : "Their"} own workspace is not affected; an admin can invite ${m.userId === actorUserId ? "you" : "them"} again.`}
                      confirmLabel={m.userId === actorUserId ? "Leave organisation" : "Remove member"}
                      pendingLabel="Removing…"
                      destructive
                      onConfirm={() => onRemove(m)}
                      data-testid="confirm-remove"
                    />
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <ConfirmDialog
        open={promoting !== null}
        onOpenChange={(open) => !open && setPromoting(null)}
        title={`Make ${promoting?.name ?? ""} an owner?`}
        description={`${promoting?.email ?? ""} will be able to change the plan and billing, change or remove any member (other owners included) and the security policy. Only an owner can undo this.`}
        confirmLabel="Make owner"
        pendingLabel="Changing…"
        onConfirm={() => (promoting ? changeTo(promoting, "owner") : undefined)}
        data-testid="confirm-owner"
      />
    </>
  );
}

/** Initial, name (marked when it is the viewer) and email: the member column of a row. */
function MemberIdentity({ name, email, isYou }: { name: string; email: string; isYou: boolean }) {
  return (
    <div className="flex items-center gap-3">
      <div
        className="flex size-8 shrink-0 items-center justify-center rounded-full bg-accent text-xs font-semibold uppercase text-accent-foreground"
        aria-hidden
      >
        {name.slice(0, 1)}
      </div>
      <div className="min-w-0">
        <div className="truncate font-medium">
          {name}
          {isYou ? <span className="ml-2 text-xs font-normal text-muted-foreground">(you)</span> : null}
        </div>
        <div className="truncate text-xs text-muted-foreground">{email}</div>
      </div>
    </div>
  );
}
