// Mail has one way out (lib/mail/transport.ts, nodemailer over SMTP) and never leaves from
// inside a database transaction. A second mailer could be a log-only one that "sends" nothing;
// a send inside a transaction holds its row locks for as long as an SMTP server takes.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "@/tests/helpers/source-files";
import { composeMail } from "@/lib/mail/compose";

const APP_DIRS = ["app", "components", "lib", "server", "scripts"];
const files = () =>
  APP_DIRS.filter((d) => fs.existsSync(path.join(ROOT, d)))
    .flatMap((d) => sourceFiles(path.join(ROOT, d)))
    .map((f) => ({ rel: path.relative(ROOT, f).split(path.sep).join("/"), text: fs.readFileSync(f, "utf8") }));

const SENDERS = /\b(sendMail|sendMailLater|notifySecurityEvent|deliverInvite)\s*\(/;

/** The text of every `$transaction(…)` call, by matching parentheses. */
function transactionBodies(text: string): string[] {
  const bodies: string[] = [];
  for (let at = text.indexOf("$transaction("); at !== -1; at = text.indexOf("$transaction(", at + 1)) {
    let depth = 0;
    for (let i = at + "$transaction".length; i < text.length; i++) {
      if (text[i] === "(") depth++;
      else if (text[i] === ")" && --depth === 0) {
        bodies.push(text.slice(at, i + 1));
        break;
      }
    }
  }
  return bodies;
}

describe("one mailer", () => {
  it("only lib/mail/transport.ts imports nodemailer (the dev launcher's catcher, maildev, is not a mailer)", () => {
    const importers = files()
      .filter((f) => /from\s+["']nodemailer["']|require\(\s*["']nodemailer["']\s*\)/.test(f.text))
      .map((f) => f.rel);
    expect(importers).toEqual(["lib/mail/transport.ts"]);
  });

  it("no mail is sent from inside a $transaction callback", () => {
    const offenders = files().flatMap((f) =>
      transactionBodies(f.text)
        .filter((b) => SENDERS.test(b))
        .map(() => f.rel),
    );
    expect(offenders).toEqual([]);
  });

  it("the scan itself finds a send inside a transaction", () => {
    expect(transactionBodies("db.$transaction(async (tx) => { await f(g()); sendMail('x', m); }); sendMail('y', m)")).toHaveLength(1);
    expect(SENDERS.test(transactionBodies("db.$transaction(async (tx) => { await sendMail('x', m); })")[0]!)).toBe(true);
  });

  it("every message has a text part and an HTML part, and user input is escaped in HTML", () => {
    const m = composeMail({
      to: "a@b.c",
      subject: "S",
      greeting: "Hi <b>x</b>,",
      paragraphs: ["p & q"],
      action: { label: "Go", url: "https://x/?a=1&b=2" },
    });
    expect(m.text).toBe("Hi <b>x</b>,\n\np & q\n\nGo:\nhttps://x/?a=1&b=2\n\n— tiergate");
    expect(m.html).toContain("Hi &lt;b&gt;x&lt;/b&gt;,");
    expect(m.html).toContain('href="https://x/?a=1&amp;b=2"');
  });
});
