// Mail in e2e: the server under test sends through SMTP to the launcher's catcher (maildev,
// scripts/lib/maildev.ts); specs read it from the catcher's JSON API like a person reads an inbox.
import { expect } from "@playwright/test";

export type InboxMail = { subject: string; text: string; html: string; to: { address: string }[]; time: string };

const inbox = () => {
  const url = process.env.E2E_MAIL_INBOX_URL;
  if (!url) throw new Error("E2E_MAIL_INBOX_URL is not set (playwright.config.ts sets it)");
  return url;
};

/** Waits for the newest mail to `to` (optionally with `subject`) and returns it. */
export async function readMail({ to, subject }: { to: string; subject?: string | RegExp }, timeout = 15_000): Promise<InboxMail> {
  let found: InboxMail | undefined;
  await expect
    .poll(
      async () => {
        const all = (await (await fetch(`${inbox()}/api/email`)).json()) as InboxMail[];
        found = all
          .filter((m) => m.to.some((t) => t.address.toLowerCase() === to.toLowerCase()))
          .filter((m) => subject === undefined || (typeof subject === "string" ? m.subject === subject : subject.test(m.subject)))
          .sort((a, b) => Date.parse(b.time) - Date.parse(a.time))[0];
        return Boolean(found);
      },
      { timeout, message: `a mail to ${to}${subject ? ` (${subject})` : ""}` },
    )
    .toBe(true);
  return found!;
}

/** The link in a mail's text part whose path starts with `path` (e.g. "/reset-password/"), as a path. */
export function linkPath(mail: InboxMail, path: string): string {
  const url = mail.text
    .split(/\s+/)
    .map((w) => w.trim())
    .find((w) => /^https?:\/\//.test(w) && new URL(w).pathname.startsWith(path));
  if (!url) throw new Error(`no ${path} link in "${mail.subject}"`);
  return new URL(url).pathname;
}
