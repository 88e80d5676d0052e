"use client";
// The auth forms' one request cycle: clear the last answer, show pending, run the request, and
// turn a request that never got an answer (offline, a dropped connection) into one message.
// What a form does with an answer (redirect, show "check your inbox") stays in the form.
import { useState } from "react";
import type { Refusal } from "@/lib/action-result";

export const NETWORK_ERROR = "We could not reach the server. Check your connection and try again.";

export function useAuthSubmit() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function run(request: () => Promise<void>) {
    setPending(true);
    setError(null);
    setFields({});
    try {
      await request();
    } catch {
      setError(NETWORK_ERROR);
    } finally {
      setPending(false);
    }
  }

  /** A refused action: field errors beside their fields, anything else in the form's error slot. */
  function showRefusal(refusal: Refusal) {
    if (refusal.kind === "invalid") setFields(refusal.fields);
    else setError(refusal.message);
  }

  return { fields, setFields, error, setError, pending, run, showRefusal };
}
