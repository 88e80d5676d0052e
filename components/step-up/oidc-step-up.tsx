"use client";
// "Re-authenticate with <IdP>" in the step-up modal, for a session signed in through its org's
// IdP when the refused action's rule accepts `oidc` (the refusal's `methods`; the server's
// offer says whether THIS session and connection can, so the button is never a dead end).
// The IdP opens in a popup, so this tab — and the action waiting in it — stays; the popup
// starts the trip itself (components/sso/sso-step-up-launcher.tsx), and its last page
// (components/sso/sso-step-up-result.tsx) reports back and closes, and the modal
// resolves "verified": the action retries by itself, exactly as after a passkey.
//
// A blocked popup gets a message, not a same-tab fallback: leaving the tab would drop the
// action waiting for the check (and its idempotency key), so the person could not see it
// complete by itself. Allowing pop-ups for the site and clicking again keeps it.
import { useEffect, useRef, useState } from "react";
import { Building2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { isSsoStepUpMessage, SSO_STEP_UP_CHANNEL } from "@/components/sso/sso-step-up-channel";
import { ssoStepUpErrorMessage } from "@/lib/sso/sso-step-up-errors";
import type { StepUpRefusal } from "@/components/step-up/step-up-provider";

type Offer = { offered: true; idp: string; hasPasskey: boolean } | { offered: false };

const POPUP_FEATURES = "popup,width=520,height=720";
const BLOCKED = "Your browser blocked the sign-in window. Allow pop-ups for this site, then click again: your action is still waiting.";
const CLOSED = "The sign-in window was closed before the check finished. Try again when you're ready.";

export function OidcStepUp({ refusal, onVerified, disabled }: { refusal: StepUpRefusal; onVerified: () => void; disabled: boolean }) {
  const [offer, setOffer] = useState<Offer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef<(() => void) | null>(null);
  const accepts = refusal.methods.includes("oidc");

  useEffect(() => {
    if (!accepts) return;
    let live = true;
    void fetch(`/api/sso/step-up?actionId=${encodeURIComponent(refusal.actionId)}`, { cache: "no-store" })
      .then((res) => (res.ok ? (res.json() as Promise<Offer>) : { offered: false as const }))
      .catch(() => ({ offered: false as const }))
      .then((o) => live && setOffer(o));
    return () => {
      live = false;
    };
  }, [accepts, refusal.actionId]);

  useEffect(() => () => stop.current?.(), []);

  if (!accepts || !offer?.offered) return null;

  async function start() {
    setError(null);
    // Opened in the click itself (a window opened after an await is a popup browsers block),
    // at our own page, which starts the trip and goes on to the IdP (sso-step-up-launcher.tsx).
    const popup = window.open(`/sso/step-up?action=${encodeURIComponent(refusal.actionId)}`, "tiergate-sso-step-up", POPUP_FEATURES);
    if (!popup) return setError(BLOCKED);
    setBusy(true);
    const outcome = await waitForPopup(popup, stop);
    setBusy(false);
    if (outcome === "verified") return onVerified();
    setError(outcome === "closed" ? CLOSED : (ssoStepUpErrorMessage(outcome) ?? "The check could not be completed. Try again."));
  }

  const label = `Re-authenticate with ${offer.idp}`;
  return (
    <div className="space-y-2" data-testid="step-up-oidc">
      {error && (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      <Button
        variant={offer.hasPasskey ? "outline" : "default"}
        className="h-auto w-full justify-start py-2 text-left whitespace-normal"
        onClick={() => void start()}
        loading={busy}
        disabled={disabled || busy}
      >
        <Building2 aria-hidden /> {label}
      </Button>
      <p className="text-xs text-muted-foreground">
        {busy
          ? "Sign in again in the window that opened; this dialog continues by itself."
          : "Opens your organisation's sign-in page in a new window and asks you to sign in again."}
      </p>
    </div>
  );
}

/** Resolves with "verified", an error code, or "closed" (the person closed the popup first). */
function waitForPopup(popup: Window, stop: React.RefObject<(() => void) | null>): Promise<string> {
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(SSO_STEP_UP_CHANNEL);
    let closedSince: number | null = null;
    const done = (result: string) => {
      cleanup();
      resolve(result);
    };
    const onData = (data: unknown) => {
      if (isSsoStepUpMessage(data)) done(data.verified ? "verified" : (data.code ?? "unknown"));
    };
    const onMessage = (event: MessageEvent) => {
      // Only our own pages speak for the check (and the server has decided already).
      if (event.origin === window.location.origin) onData(event.data);
    };
    channel.onmessage = (event) => onData(event.data);
    window.addEventListener("message", onMessage);
    // A closed popup gives its last message a moment to arrive before it counts as abandoned.
    const timer = setInterval(() => {
      if (!popup.closed) return;
      closedSince ??= Date.now();
      if (Date.now() - closedSince > 1500) done("closed");
    }, 300);
    function cleanup() {
      clearInterval(timer);
      window.removeEventListener("message", onMessage);
      channel.close();
      stop.current = null;
    }
    stop.current = cleanup;
  });
}
