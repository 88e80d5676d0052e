// "Confirm your address": the link that verifies a new account (24 h, single use).
import "server-only";
import { composeMail, greet } from "@/lib/mail/compose";

export function verifyEmailMail({ to, name, url, again = false }: { to: string; name: string; url: string; again?: boolean }) {
  return composeMail({
    to,
    subject: "Confirm your email address for tiergate",
    greeting: greet(name),
    paragraphs: [
      again
        ? "Someone (probably you) asked to sign up again with this address. Your account already exists but its address is not confirmed yet."
        : "Thanks for creating a tiergate account. Please confirm that this address is yours.",
      "You will be asked to sign in with your password first, so only the person who created the account can confirm it.",
    ],
    action: { label: "Confirm my address", url },
    after: [
      "The link works once and expires in 24 hours.",
      "If you did not create this account or forgot its password, use “Forgot password?” on the sign-in page: a reset proves the address is yours and sets a password only you know.",
    ],
  });
}
