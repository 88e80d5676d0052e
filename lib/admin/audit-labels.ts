// How an audit event reads to a person: a policy action by its label in lib/licensing/policy.ts
// (the same words as the guard's prompts), every other event from the small map below, and
// its actor and target by name. Shared by the audit log page and its CSV, so both say the
// same thing. Pure (the names come from describeAuditEvents).
import { ACTIONS, isActionId } from "@/lib/licensing/policy";

/** Events that are not policy actions: ceremonies, account and billing changes. */
export const AUDIT_EVENT_LABELS: Record<string, string> = {
  "step_up.verify": "Passkey check",
  "step_up.lockout": "Verification locked after failed attempts",
  "step_up.grant_revoked": "Verification ended",
  "step_up.approve_api": "API request approved",
  "step_up.deny_api": "API request denied",
  "step_up.sso_start": "Identity provider check started",
  "passkey.register": "Passkey added",
  "passkey.remove": "Passkey removed",
  "billing.planChanged": "Plan changed",
  "members.invite_accepted": "Invitation accepted",
  "auth.not_me": "Sign-up reported as not mine",
  "auth.passkey_sign_in": "Signed in with a passkey",
  "auth.password_reset": "Password reset",
  "auth.verify_email": "Email address confirmed",
  "recovery_code.regenerate": "Recovery codes replaced",
  "recovery_code.use": "Recovery code used",
  "sessions.sign_out_others": "Signed out other sessions",
  "sso.configure": "Single sign-on changed",
  "sso.join": "Joined through single sign-on",
  "sso.provision": "Member added by single sign-on",
  "sso.break_glass": "Owner acted without single sign-on (break-glass)",
  "sso.remove": "Single sign-on removed",
  "sso.require_off": "Single sign-on no longer required",
  "sso.require_on": "Single sign-on required for members",
  "sso.sign_in": "Signed in with single sign-on",
  "sso.sessions_ended": "Sessions without single sign-on ended",
  "sso.test": "Single sign-on connection tested",
  "totp.enrol": "Authenticator app added",
  "totp.remove": "Authenticator app removed",
};

/** An event name as a person reads it; an unknown one (a newer release's) still reads as words, never as an id. */
export function auditActionLabel(action: string): string {
  if (isActionId(action)) return ACTIONS[action].label;
  const known = AUDIT_EVENT_LABELS[action];
  if (known) return known;
  const words = action
    .replace(/[._]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const AUDIT_DECISION_LABELS: Record<string, string> = {
  allowed: "Allowed",
  refused: "Refused",
  succeeded: "Succeeded",
  failed: "Failed",
  revoked: "Ended",
  locked: "Locked",
  created: "Created",
};

export type AuditNames = {
  users: ReadonlyMap<string, { name: string; email: string }>;
  apiKeys: ReadonlyMap<string, string>;
};

const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : null);
const detailOf = (detail: unknown) => (detail && typeof detail === "object" ? (detail as Record<string, unknown>) : {});

/** Who did it: the person (name and email), or the API key by its name, or the system. */
export function auditActor(e: { actorUserId: string | null; actorEmail: string | null; detail: unknown }, names: AuditNames): string {
  const keyId = str(detailOf(e.detail).apiKeyId);
  const user = e.actorUserId ? names.users.get(e.actorUserId) : undefined;
  const person = user ? `${user.name} (${user.email})` : e.actorEmail;
  if (keyId) {
    const key = names.apiKeys.get(keyId);
    return `API key “${key ?? "deleted key"}”${person ? ` of ${person}` : ""}`;
  }
  return person ?? (e.actorUserId ? "A former member" : "System");
}

/** What it was done to, where the event records it. */
export function auditTarget(detail: unknown, names: AuditNames): string {
  const d = detailOf(detail);
  const userId = str(d.userId);
  if (userId) {
    const user = names.users.get(userId);
    return user ? `${user.name} (${user.email})` : "A former member";
  }
  if (str(d.from) && str(d.to)) return `${String(d.from)} → ${String(d.to)}`;
  if (str(d.forAction)) return `For: ${auditActionLabel(String(d.forAction))}`;
  if (str(d.passkeyId)) return "A passkey";
  if (str(d.inviteId)) return str(d.role) ? `Invitation as ${String(d.role)}` : "An invitation";
  if (str(d.sessionId)) return "A session";
  return "";
}

/** The ids an event names (actor, target, API key), for one batched lookup. */
export function auditIds(e: { actorUserId: string | null; detail: unknown }) {
  const d = detailOf(e.detail);
  return { userIds: [e.actorUserId, str(d.userId)].filter((v): v is string => v !== null), apiKeyId: str(d.apiKeyId) };
}
