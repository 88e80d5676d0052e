"use client";
// Invite by email and role. The link is shown exactly once, here (inviteMemberAction is a
// secretResult action: its idempotency record never holds the token).
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Check, Copy, UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { inviteMemberAction } from "@/app/(app)/admin/actions";
import type { Role } from "@/lib/licensing/policy";

type Created = { email: string; role: string; url: string; expiresAt: Date };

// long: one dialog with its form, its result (the link to copy) and its errors over one piece of state
export function InviteDialog({ actorRole }: { actorRole: Role }) {
  const router = useRouter();
  const invite = useGuardedAction(inviteMemberAction, { actionId: "members.invite" });
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      setEmail("");
      setRole("member");
      setError(null);
      setCreated(null);
      setCopied(false);
    }
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    const result = await invite.run({ email, role });
    if (!result.ok) {
      if (result.error.kind === "cancelled") return;
      setError(result.error.kind === "invalid" ? (Object.values(result.error.fields)[0] ?? result.error.message) : result.error.message);
      return;
    }
    setCreated(result.data);
    router.refresh();
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied(true);
    } catch {
      toast({ title: "Copy failed", description: "Select the link and copy it yourself.", variant: "destructive" });
    }
  }

  return (
    <>
      <Button onClick={() => reset(true)} data-testid="invite-open">
        <UserPlus aria-hidden /> Invite member
      </Button>
      <Dialog open={open} onOpenChange={(next) => !invite.pending && reset(next)}>
        <DialogContent data-testid="invite-dialog">
          {created ? (
            <>
              <DialogHeader>
                <DialogTitle>Invitation ready</DialogTitle>
                <DialogDescription>
                  Send this link to {created.email}. It makes them {created.role === "admin" ? "an admin" : `a ${created.role}`} and works
                  once, until {new Date(created.expiresAt).toLocaleDateString("en", { dateStyle: "medium" })}.
                </DialogDescription>
              </DialogHeader>
              <div className="flex gap-2">
                <Input
                  readOnly
                  value={created.url}
                  onFocus={(e) => e.currentTarget.select()}
                  aria-label="Invitation link"
                  data-testid="invite-link"
                  className="font-mono text-xs"
                />
                <Button variant="outline" onClick={() => void copy()} aria-label="Copy link">
                  {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
                </Button>
              </div>
              <Alert variant="warning">
                <AlertTitle>This is the only time the link is shown</AlertTitle>
                <AlertDescription>
                  We keep only a fingerprint of it. If it gets lost, withdraw the invitation and send a new one.
                </AlertDescription>
              </Alert>
              <DialogFooter>
                <Button onClick={() => reset(false)}>Done</Button>
              </DialogFooter>
            </>
          ) : (
            <form onSubmit={submit} className="grid gap-4" noValidate>
              <DialogHeader>
                <DialogTitle>Invite a member</DialogTitle>
                <DialogDescription>
                  They join with this role after signing in with the invited address. Links expire after 7 days.
                </DialogDescription>
              </DialogHeader>
              <div className="grid gap-2">
                <Label htmlFor="invite-email">Email</Label>
                <Input
                  id="invite-email"
                  type="email"
                  autoComplete="off"
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                  aria-invalid={error ? true : undefined}
                  autoFocus
                />
              </div>
              <div className="grid gap-2">
                <Label htmlFor="invite-role">Role</Label>
                <Select value={role} onValueChange={(r) => setRole(r as Role)}>
                  <SelectTrigger id="invite-role">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value="member">Member — uses reports and exports</SelectItem>
                    <SelectItem value="admin">Admin — also manages members</SelectItem>
                    {actorRole === "owner" ? <SelectItem value="owner">Owner — also billing and policy</SelectItem> : null}
                  </SelectContent>
                </Select>
              </div>
              {error ? (
                <Alert variant="destructive">
                  <AlertDescription>{error}</AlertDescription>
                </Alert>
              ) : null}
              <DialogFooter>
                <Button type="button" variant="outline" onClick={() => reset(false)} disabled={invite.pending}>
                  Cancel
                </Button>
                <Button type="submit" loading={invite.pending}>
                  Create invitation
                </Button>
              </DialogFooter>
            </form>
          )}
        </DialogContent>
      </Dialog>
    </>
  );
}
