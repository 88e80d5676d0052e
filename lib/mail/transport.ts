// The one way mail leaves the app: nodemailer over SMTP (SMTP_URL). There is no console or
// log-only fallback: without SMTP_URL a send fails like any other delivery failure.
// Call it only AFTER the transaction that made the mail true has committed (never while a
// transaction holds locks: an SMTP server can take seconds to answer, or never).
// A failure never throws into the caller: it is logged with a short reference the caller
// may show, so support can find the log line without the person seeing SMTP internals.
import "server-only";
import crypto from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import type { MailMessage } from "@/lib/mail/compose";

export type SendResult = { sent: true } | { sent: false; reference: string };

// Bounded waits: a stuck SMTP server costs a request at most these, never a hung action.
const TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 } as const;

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url, TIMEOUTS) };
  return transport.transporter;
}

/** `kind` names the template in logs (e.g. "verify_email"); the recipient's domain only, never the address or the body. */
export async function sendMail(kind: string, message: MailMessage): Promise<SendResult> {
  const e = env();
  try {
    if (!e.SMTP_URL) throw new Error("SMTP_URL is not set");
    await transporterFor(e.SMTP_URL).sendMail({ from: e.mailFrom, ...message });
    logger.info({ event: "mail.sent", kind, toDomain: domainOf(message.to) }, "mail sent");
    return { sent: true };
  } catch (err) {
    const reference = crypto.randomUUID().slice(0, 8);
    logger.error(
      { event: "mail.failed", kind, reference, toDomain: domainOf(message.to), err: err instanceof Error ? err.message : String(err) },
      "mail delivery failed",
    );
    return { sent: false, reference };
  }
}

/** For mail nobody waits for (the response must not depend on it): runs after the caller returns. */
export function sendMailLater(kind: string, message: MailMessage): void {
  void sendMail(kind, message);
}

const domainOf = (address: string) => address.split("@")[1] ?? "";
