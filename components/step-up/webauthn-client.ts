// Browser side of the ceremonies: JSON calls to /api/webauthn/* and the WebAuthn prompts
// (SimpleWebAuthn browser). Every failure comes back as a human message, never a throw.
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { Refusal } from "@/lib/action-result";

type Json = Record<string, unknown>;
export type CeremonyOutcome = { ok: true } | { ok: false; message: string; locked?: boolean };
/** An enrolment's outcome: a first factor also answers the account's recovery codes, to show once. */
export type EnrolOutcome = { ok: true; recoveryCodes: string[] | null } | Extract<CeremonyOutcome, { ok: false }>;

async function postJson(url: string, body: Json): Promise<{ status: number; data: Json }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  let data: Json = {};
  try {
    data = (await res.json()) as Json;
  } catch {
    data = {};
  }
  return { status: res.status, data };
}

const messageOf = (data: Json, fallback: string) => (typeof data.error_description === "string" ? data.error_description : fallback);

function promptError(err: unknown): string {
  const name = err instanceof Error ? err.name : "";
  // NotAllowedError covers a closed prompt, a refused PIN or biometric and "no passkey here":
  // the browser will not say which, so neither do we (it is not a timeout).
  if (name === "NotAllowedError")
    return "The passkey check did not complete: the prompt was closed, or your device did not confirm it was you. If your passkey is on another device, choose “Use another method”.";
  if (name === "AbortError") return "The passkey prompt timed out. Please try again.";
  if (name === "InvalidStateError") return "This authenticator is already registered to your account.";
  return "Your browser could not use a passkey here. Please try again.";
}

/** Step-up: options → prompt → verify. `enrol` means the user has no passkey yet. */
export async function runStepUp(body: {
  actionId?: string | null;
  approveCode?: string;
  /** A passkey on another device (the browser's hybrid/QR flow): no credential list. */
  anyDevice?: boolean;
}): Promise<CeremonyOutcome | { ok: false; enrol: true; message: string }> {
  const options = await postJson("/api/webauthn/step-up/options", body);
  if (options.data.enrol === true) return { ok: false, enrol: true, message: "Add a passkey to continue." };
  if (options.status !== 200)
    return { ok: false, message: messageOf(options.data, "We could not start the passkey check."), locked: options.status === 429 };
  let response;
  try {
    response = await startAuthentication({ optionsJSON: options.data.options as Parameters<typeof startAuthentication>[0]["optionsJSON"] });
  } catch (err) {
    return { ok: false, message: promptError(err) };
  }
  const verify = await postJson("/api/webauthn/step-up/verify", { response: response as unknown as Json });
  if (verify.status !== 200)
    return { ok: false, message: messageOf(verify.data, "We could not verify that passkey."), locked: verify.status === 429 };
  return { ok: true };
}

/** What the options route answers when the account already has a passkey: a step-up comes first. */
export type EnrolStepUp = Extract<Refusal, { kind: "step_up_required" }>;

/**
 * First-passkey enrolment: password → options → create prompt → verify. When the account
 * already has a passkey the server refuses with `stepUp` (the password is not enough then):
 * the caller runs addPasskeyAction through useGuardedAction instead, then createPasskey.
 */
export async function registerPasskey({
  password,
  name,
}: {
  password: string;
  /** Omitted: the server names it from the authenticator (AAGUID) or the browser. */
  name?: string;
}): Promise<(EnrolOutcome & { field?: "password" }) | { ok: false; message: string; stepUp: EnrolStepUp }> {
  const options = await postJson("/api/webauthn/register/options", { password });
  const refusal = options.data.refusal as Refusal | undefined;
  if (options.status === 403 && refusal?.kind === "step_up_required") return { ok: false, message: refusal.message, stepUp: refusal };
  if (options.status === 400) return { ok: false, message: messageOf(options.data, "That password is not right."), field: "password" };
  if (options.status !== 200)
    return { ok: false, message: messageOf(options.data, "We could not start adding a passkey."), locked: options.status === 429 };
  return createPasskey({ options: options.data.options as RegistrationOptions, name });
}

type RegistrationOptions = Parameters<typeof startRegistration>[0]["optionsJSON"];

/** The create prompt for options the server issued, then verify and store the passkey. */
export async function createPasskey({ options, name }: { options: RegistrationOptions; name?: string }): Promise<EnrolOutcome> {
  let response;
  try {
    response = await startRegistration({ optionsJSON: options });
  } catch (err) {
    return { ok: false, message: promptError(err) };
  }
  const verify = await postJson("/api/webauthn/register/verify", { response: response as unknown as Json, ...(name ? { name } : {}) });
  if (verify.status !== 200) return { ok: false, message: messageOf(verify.data, "We could not register that passkey.") };
  const codes = verify.data.recoveryCodes;
  return { ok: true, recoveryCodes: Array.isArray(codes) ? codes.map(String) : null };
}
