// An invitation to join an organisation. The inviter also saw the link once in the console.
import "server-only";
import { composeMail } from "@/lib/mail/compose";

const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export function inviteMail({
  to,
  orgName,
  role,
  url,
  expiresAt,
}: {
  to: string;
  orgName: string;
  role: string;
  url: string;
  expiresAt: Date;
}) {
  const article = role === "admin" || role === "owner" ? "an" : "a";
  return composeMail({
    to,
    subject: `You are invited to join ${orgName} on tiergate`,
    greeting: "Hello,",
    paragraphs: [
      `You have been invited to join ${orgName} on tiergate as ${article} ${role}.`,
      "Open the link, then sign in or create an account with this address and confirm it.",
    ],
    action: { label: `Join ${orgName}`, url },
    after: [`The invitation is valid until ${date.format(expiresAt)}. If you were not expecting it, ignore this message.`],
  });
}
