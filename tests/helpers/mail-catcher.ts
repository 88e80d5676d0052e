// An SMTP server for tests: takes every message on a free loopback port and keeps it, parsed.
// `startMailCatcher()` also points SMTP_URL at it, so call it (in beforeAll) before anything
// reads the environment. `failing = true` makes it refuse messages the way a broken mail
// server does (a 451 after the recipient), for delivery-failure tests.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

export type CaughtMail = { to: string[]; from: string; subject: string; text: string; html: string; receivedAt: number };

export type MailCatcher = {
  url: string;
  mails: CaughtMail[];
  failing: boolean;
  waitForMail(match: { to: string; subject?: string | RegExp }, timeoutMs?: number): Promise<CaughtMail>;
  /** Mail to `to` received so far (after a short grace, for "nothing was sent" checks). */
  mailsTo(to: string, graceMs?: number): Promise<CaughtMail[]>;
  close(): Promise<void>;
};

export async function startMailCatcher({ setEnv = true }: { setEnv?: boolean } = {}): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const state = { failing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.failing) {
        const err = Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 });
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) =>
            a.value.map((v) => (v.address ?? "").toLowerCase()),
          );
          mails.push({
            to,
            from: parsed.from?.text ?? "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            receivedAt: Date.now(),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  const url = `smtp://127.0.0.1:${port}`;
  if (setEnv) process.env.SMTP_URL = url;

  const matches = (m: CaughtMail, { to, subject }: { to: string; subject?: string | RegExp }) =>
    m.to.includes(to.toLowerCase()) &&
    (subject === undefined || (typeof subject === "string" ? m.subject === subject : subject.test(m.subject)));

  return {
    url,
    mails,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    async waitForMail(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find((m) => matches(m, match));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${match.to}${match.subject ? ` with subject ${match.subject}` : ""}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async mailsTo(to, graceMs = 300) {
      await new Promise((r) => setTimeout(r, graceMs));
      return mails.filter((m) => matches(m, { to }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text part that starts with `prefix` (e.g. "http://localhost:3000/reset-password/"). */
export function linkIn(mail: CaughtMail, prefix: string): string {
  const found = mail.text.split(/\s+/).find((w) => w.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix} link in mail "${mail.subject}"`);
  return found;
}

/** The token at the end of such a link. */
export const tokenIn = (mail: CaughtMail, path: string) => linkIn(mail, `http://localhost:3000${path}`).split("/").pop()!;
