"use client";
// Runs in the step-up popup: tells the modal in the tab that opened it how the check ended,
// then closes. BroadcastChannel first: it reaches the opener even when the trip through the
// IdP's origin cut window.opener (Cross-Origin-Opener-Policy at the IdP); postMessage to the
// opener, pinned to our own origin, where it survives. The message carries a code only: the
// modal looks its sentence up, and the server has already decided (the grant exists or not).
import { useEffect, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { SSO_STEP_UP_CHANNEL, type SsoStepUpMessage } from "@/components/sso/sso-step-up-channel";

export function SsoStepUpResult({ verified, code, message }: { verified: boolean; code: string | null; message: string | null }) {
  const [closing, setClosing] = useState(true);
  useEffect(() => {
    const payload: SsoStepUpMessage = { type: SSO_STEP_UP_CHANNEL, verified, code };
    const channel = new BroadcastChannel(SSO_STEP_UP_CHANNEL);
    channel.postMessage(payload);
    channel.close();
    window.opener?.postMessage(payload, window.location.origin);
    window.close();
    // Still open: not a popup (opened by hand, or the browser kept it); say so instead.
    const timer = setTimeout(() => setClosing(false), 500);
    return () => clearTimeout(timer);
  }, [verified, code]);
  if (verified)
    return (
      <p className="text-sm text-muted-foreground" role="status">
        {closing ? "Done. Returning you to tiergate…" : "Done. You can close this window: your action continues in the tiergate tab."}
      </p>
    );
  return (
    <Alert variant="destructive" role="alert">
      <AlertDescription>
        {message} {closing ? null : "You can close this window."}
      </AlertDescription>
    </Alert>
  );
}
