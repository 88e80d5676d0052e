"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Building2, Check, ChevronsUpDown, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/auth/field";
import { toast } from "@/components/ui/use-toast";
import { createOrgAction, switchOrgAction } from "@/app/(app)/actions";

type Membership = { orgId: string; name: string; role: string };

// long: one menu whose list, search and switch action share one open/loading state
export function OrgSwitcher({ current, memberships }: { current: { id: string; name: string }; memberships: Membership[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [creating, setCreating] = useState(false);
  const [nameError, setNameError] = useState<string | undefined>();

  function switchTo(orgId: string) {
    if (orgId === current.id) return;
    startTransition(async () => {
      const result = await switchOrgAction(orgId);
      if (!result.ok) {
        toast({ title: "Could not switch organisation", description: result.error.message, variant: "destructive" });
        return;
      }
      router.refresh();
    });
  }

  async function onCreate(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("org-name") ?? "");
    startTransition(async () => {
      const result = await createOrgAction({ name });
      if (!result.ok) {
        if (result.error.kind === "invalid") setNameError(result.error.fields.name ?? result.error.message);
        else toast({ title: "Could not create organisation", description: result.error.message, variant: "destructive" });
        return;
      }
      setCreating(false);
      setNameError(undefined);
      toast({ title: "Organisation created", description: `You are now in ${name.trim()}.`, variant: "success" });
      router.refresh();
    });
  }

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" className="min-w-0 max-w-64 shrink justify-between gap-2" data-testid="org-switcher" disabled={pending}>
            <Building2 className="size-4" aria-hidden />
            <span className="truncate" data-testid="current-org">
              {current.name}
            </span>
            <ChevronsUpDown className="size-3.5 opacity-60" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel>Organisations</DropdownMenuLabel>
          {memberships.map((m) => (
            <DropdownMenuItem key={m.orgId} onSelect={() => switchTo(m.orgId)} data-testid="org-option">
              <span className="truncate">{m.name}</span>
              <span className="ml-auto text-xs capitalize text-muted-foreground">{m.role}</span>
              {m.orgId === current.id ? <Check className="size-4" aria-label="Current" /> : null}
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus className="size-4" /> New organisation
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>New organisation</DialogTitle>
            <DialogDescription>You will be its owner. It starts on the Free plan.</DialogDescription>
          </DialogHeader>
          <form onSubmit={onCreate} className="space-y-4" noValidate>
            <Field id="org-name" label="Name" error={nameError} autoFocus required />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setCreating(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={pending}>
                Create
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
