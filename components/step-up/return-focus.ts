// Focus back to the button that started a guarded action once the step-up modal is gone.
// The dialog's own return (components/ui/dialog.tsx) cannot do it here: the button disables
// itself while its action waits, so when the modal opens focus is already on <body> and the
// dialog has no opener to give it back to, and on success the retry is still running (the
// button still disabled) when the dialog closes. So the hook that knows the button waits for
// both — the dialog removed (and Radix's own close-focus, which runs a tick after, done) and
// the button enabled — and then focuses it, unless the person already moved focus somewhere.

const GIVE_UP_MS = 5_000;

function focusWasLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || active.id === "main";
}

/** The element that has focus now, if it is one focus can return to. */
export function currentOpener(): HTMLElement | null {
  const active = typeof document === "undefined" ? null : document.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}

export function returnFocusWhenReady(opener: HTMLElement | null) {
  if (!opener) return;
  const started = performance.now();
  const attempt = () => {
    if (!opener.isConnected || performance.now() - started > GIVE_UP_MS) return;
    const dialogOpen = document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;
    if (dialogOpen || opener.matches(":disabled")) {
      requestAnimationFrame(attempt);
      return;
    }
    // One more task: Radix moves focus on close in a timeout after the dialog unmounts.
    setTimeout(() => {
      if (opener.isConnected && !opener.matches(":disabled") && focusWasLost()) opener.focus();
    }, 30);
  };
  requestAnimationFrame(attempt);
}
