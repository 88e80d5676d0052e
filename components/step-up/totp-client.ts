// Browser side of a TOTP step-up: POST /api/step-up/totp. Every failure comes back as a human
// message, never a throw; `notAccepted` means the action needs a passkey (the code was not used).
type Outcome = { ok: true } | { ok: false; message: string; locked?: boolean; notAccepted?: boolean; notEnrolled?: boolean };

export async function stepUpWithCode({ code, actionId }: { code: string; actionId: string | null }): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch("/api/step-up/totp", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code, actionId }),
    });
  } catch {
    return { ok: false, message: "We could not reach the server. Check your connection and try again." };
  }
  if (res.ok) return { ok: true };
  const data = (await res.json().catch(() => ({}))) as {
    error?: string;
    error_description?: string;
    reason?: string;
    fields?: Record<string, string>;
  };
  const message = data.fields?.code ?? data.error_description ?? "We could not check that code.";
  return {
    ok: false,
    message,
    locked: res.status === 429,
    notAccepted: data.error === "method_not_accepted",
    notEnrolled: data.reason === "not_enrolled",
  };
}
