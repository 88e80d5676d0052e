// Security notices: one message per event, all with the same shape (what happened, when,
// and what to do if it was not you). The "this wasn't you" path is a password reset, which
// signs out every session and ends every step-up grant.
import "server-only";
import { composeMail, greet } from "@/lib/mail/compose";

export type SecurityEvent =
  | { kind: "password_changed" }
  | { kind: "password_reset" }
  | { kind: "passkey_added"; passkeyName: string }
  | { kind: "passkey_removed"; passkeyName: string };

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
};

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

export function securityNoticeMail({
  to,
  name,
  event,
  at,
  resetUrl,
}: {
  to: string;
  name: string;
  event: SecurityEvent;
  at: Date;
  resetUrl: string;
}) {
  const { subject, line } = (WHAT[event.kind] as (e: SecurityEvent) => { subject: string; line: string })(event);
  return composeMail({
    to,
    subject,
    greeting: greet(name),
    paragraphs: [`${line} (${when.format(at)} UTC)`, "If this was you, there is nothing to do."],
    action: { label: "This wasn't me: reset my password", url: resetUrl },
    after: ["A reset signs out every session of your account and ends every recent security check."],
  });
}
