"use client";
// The step-up popup's first page: the modal opens it at our own origin (so the window exists
// before any await, and never as a blank page under the opener's policy), and it starts the
// trip: POST /api/sso/step-up (JSON, same origin, the session's cookie) answers the IdP's URL
// and sets this browser's binding cookie; then the popup goes to the IdP. A refusal of the
// start is reported to the modal like a refusal of the callback.
import { useEffect, useRef, useState } from "react";
import { SsoStepUpResult } from "@/components/sso/sso-step-up-result";

export function SsoStepUpLauncher({ actionId }: { actionId: string }) {
  const [failure, setFailure] = useState<{ code: string; message: string } | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return; // one trip per popup (a dev double effect must not start two)
    started.current = true;
    void fetch("/api/sso/step-up", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ actionId }),
    })
      .then(async (res) => {
        const body = (await res.json().catch(() => null)) as { url?: string; error?: string; error_description?: string } | null;
        if (res.ok && body?.url) return window.location.replace(body.url);
        setFailure({ code: body?.error ?? "unknown", message: body?.error_description ?? "The check could not be started. Try again." });
      })
      .catch(() => setFailure({ code: "unknown", message: "We could not reach the server. Check your connection and try again." }));
  }, [actionId]);
  if (failure) return <SsoStepUpResult verified={false} code={failure.code} message={failure.message} />;
  return (
    <p className="text-sm text-muted-foreground" role="status">
      Opening your identity provider…
    </p>
  );
}
