// The password reset link (30 min, single use; a newer request ends it).
import "server-only";
import { composeMail, greet } from "@/lib/mail/compose";

export function resetPasswordMail({ to, name, url }: { to: string; name: string; url: string }) {
  return composeMail({
    to,
    subject: "Reset your tiergate password",
    greeting: greet(name),
    paragraphs: ["Someone (hopefully you) asked to reset the password of your tiergate account."],
    action: { label: "Choose a new password", url },
    after: [
      "The link works once and expires in 30 minutes. Asking again ends this link.",
      "Setting a new password signs you out everywhere. If you did not ask for this, ignore this message: your password stays as it is.",
    ],
  });
}
