"use client";
// The one confirmation pattern for destructive and billing actions (Stripe's dashboard, GitHub's
// type-to-confirm): a title that names the thing, the consequence in plain words, a confirm
// button labelled with the verb ("Revoke key", never "OK"), and for what cannot be undone a
// field where the person types the thing's name. The action runs from the dialog, which stays
// open while it runs (a step-up check may open above it) and shows a refusal inline; focus goes
// back to what opened it (DialogContent does that for every dialog).
//
// Uncontrolled: pass `trigger` (the button that opens it). Controlled (opened from code, e.g. a
// select whose new value needs confirming): pass `open` and `onOpenChange`.
import * as React from "react";
import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

/** What onConfirm answers: nothing (done: the dialog closes) or a message to show in it. */
export type ConfirmOutcome = void | null | { error: string } | { keepOpen: true };

export type ConfirmDialogProps = {
  trigger?: React.ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: React.ReactNode;
  /** The consequence: what happens, to whom, and whether it can be undone. */
  description: React.ReactNode;
  /** Extra detail under the description (a price preview, a list of what goes). */
  children?: React.ReactNode;
  /** The verb, e.g. "Revoke key". */
  confirmLabel: string;
  pendingLabel?: string;
  /** Irreversible: the confirm button waits until this exact text is typed. */
  confirmText?: string;
  destructive?: boolean;
  /** The confirm button waits (e.g. while a price preview loads). */
  confirmDisabled?: boolean;
  onConfirm: () => Promise<ConfirmOutcome> | ConfirmOutcome;
  "data-testid"?: string;
};

// long: one dialog component whose type-to-confirm, pending and error states belong together
export function ConfirmDialog({
  trigger,
  open: openProp,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  pendingLabel,
  confirmText,
  destructive = false,
  confirmDisabled = false,
  onConfirm,
  "data-testid": testId = "confirm-dialog",
}: ConfirmDialogProps) {
  const [openState, setOpenState] = React.useState(false);
  const open = openProp ?? openState;
  const [typed, setTyped] = React.useState("");
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const inputId = React.useId();

  function setOpen(next: boolean) {
    // A running action is not abandoned by Escape or a click outside: it finishes first.
    if (pending && !next) return;
    if (next) {
      setTyped("");
      setError(null);
    }
    if (openProp === undefined) setOpenState(next);
    onOpenChange?.(next);
  }

  const typedOk = confirmText === undefined || typed.trim() === confirmText;

  async function confirm(event: React.FormEvent) {
    event.preventDefault();
    if (!typedOk || pending || confirmDisabled) return;
    setPending(true);
    setError(null);
    let outcome: ConfirmOutcome;
    try {
      outcome = await onConfirm();
    } finally {
      setPending(false);
    }
    if (outcome && "error" in outcome) return setError(outcome.error);
    if (outcome && "keepOpen" in outcome) return;
    if (openProp === undefined) setOpenState(false);
    onOpenChange?.(false);
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {trigger && <DialogTrigger asChild>{trigger}</DialogTrigger>}
      <DialogContent data-testid={testId} showCloseButton={!pending}>
        <form onSubmit={confirm} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          {children}
          {confirmText !== undefined && (
            <div className="space-y-2">
              <Label htmlFor={inputId}>
                Type <strong className="font-semibold">{confirmText}</strong> to confirm
              </Label>
              <Input
                id={inputId}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                data-testid="confirm-type"
              />
            </div>
          )}
          {error && (
            <p role="alert" className="flex items-start gap-2 text-sm text-destructive" data-testid="confirm-error">
              <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
              {error}
            </p>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant={destructive ? "destructive" : "default"}
              disabled={!typedOk || confirmDisabled}
              loading={pending}
              data-testid="confirm-action"
            >
              {pending && pendingLabel ? pendingLabel : confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
