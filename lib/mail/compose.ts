// What every mail is made of: a plain-text part written for people (the one that must read
// well on its own) and a simple HTML part built from the same paragraphs. Templates (one
// module per message under lib/mail/templates/) pass paragraphs and at most one link.
import "server-only";

export type MailMessage = { to: string; subject: string; text: string; html: string };

export type MailBody = {
  to: string;
  subject: string;
  /** Opening line, e.g. "Hi Ada,". */
  greeting: string;
  paragraphs: string[];
  /** The one thing to click, shown as a button in HTML and as a bare URL in text. */
  action?: { label: string; url: string };
  /** After the action: expiry, "if this wasn't you". */
  after?: string[];
};

export function composeMail({ to, subject, greeting, paragraphs, action, after = [] }: MailBody): MailMessage {
  const text = [greeting, ...paragraphs, ...(action ? [`${action.label}:\n${action.url}`] : []), ...after, "— tiergate"].join("\n\n");
  const p = (t: string) => `<p style="margin:0 0 16px">${escapeHtml(t)}</p>`;
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#111827;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#6b7280">Or paste this link into your browser: ${escapeHtml(action.url)}</p>`
    : "";
  const html = [
    `<div style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:15px;line-height:1.5;color:#111827;max-width:560px">`,
    p(greeting),
    ...paragraphs.map(p),
    button,
    ...after.map(p),
    `<p style="margin:24px 0 0;color:#6b7280">— tiergate</p>`,
    `</div>`,
  ].join("");
  return { to, subject, text, html };
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** First name-ish greeting; names are user input, so they are only ever text. */
export const greet = (name: string | null | undefined) => `Hi ${name?.trim() || "there"},`;
