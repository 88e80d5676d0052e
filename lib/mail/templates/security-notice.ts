// Security notices: one message per event, all with the same shape (what happened, when,
// and what to do if it was not you). "This wasn't me" opens a single-use link (lib/auth/not-me.ts)
// that, on a click, signs out every session, ends every step-up grant and mails a reset link.
import "server-only";
import { composeMail, greet } from "@/lib/mail/compose";

export type SecurityEvent =
  | { kind: "password_changed" }
  | { kind: "password_reset" }
  | { kind: "passkey_added"; passkeyName: string }
  | { kind: "passkey_removed"; passkeyName: string }
  | { kind: "totp_added" }
  | { kind: "totp_removed" }
  | { kind: "recovery_code_used"; remaining: number }
  | { kind: "recovery_codes_regenerated" }
  | { kind: "other_sessions_signed_out"; count: number };

const WHAT: { [K in SecurityEvent["kind"]]: (e: Extract<SecurityEvent, { kind: K }>) => { subject: string; line: string } } = {
  password_changed: () => ({ subject: "Your tiergate password was changed", line: "The password of your tiergate account was changed." }),
  password_reset: () => ({
    subject: "Your tiergate password was reset",
    line: "The password of your tiergate account was reset with a link sent to this address. Every session was signed out.",
  }),
  passkey_added: (e) => ({
    subject: "A passkey was added to your tiergate account",
    line: `A passkey named “${e.passkeyName}” was added.`,
  }),
  passkey_removed: (e) => ({
    subject: "A passkey was removed from your tiergate account",
    line: `The passkey named “${e.passkeyName}” was removed.`,
  }),
  totp_added: () => ({
    subject: "An authenticator app was added to your tiergate account",
    line: "An authenticator app (one-time codes) was set up as a sign-in factor.",
  }),
  totp_removed: () => ({
    subject: "An authenticator app was removed from your tiergate account",
    line: "The authenticator app (one-time codes) was removed from your sign-in factors.",
  }),
  recovery_code_used: (e) => ({
    subject: "A recovery code was used on your tiergate account",
    line: `A recovery code was used to replace a sign-in factor. ${e.remaining} of your recovery codes ${e.remaining === 1 ? "is" : "are"} left.`,
  }),
  recovery_codes_regenerated: () => ({
    subject: "New recovery codes for your tiergate account",
    line: "A new set of recovery codes was made for your tiergate account; the old codes no longer work.",
  }),
  other_sessions_signed_out: (e) => ({
    subject: "Your other tiergate sessions were signed out",
    line: `Every other session of your tiergate account was signed out (${e.count}).`,
  }),
};

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

export function securityNoticeMail({
  to,
  name,
  event,
  at,
  notMeUrl,
}: {
  to: string;
  name: string;
  event: SecurityEvent;
  at: Date;
  /** The single-use "this wasn't me" link (48 h). */
  notMeUrl: string;
}) {
  const { subject, line } = (WHAT[event.kind] as (e: SecurityEvent) => { subject: string; line: string })(event);
  return composeMail({
    to,
    subject,
    greeting: greet(name),
    paragraphs: [`${line} (${when.format(at)} UTC)`, "If this was you, there is nothing to do."],
    action: { label: "This wasn't me: secure my account", url: notMeUrl },
    after: [
      "The link works once, for 48 hours. It signs out every session of your account, ends every recent security check and mails you a link to choose a new password.",
    ],
  });
}
