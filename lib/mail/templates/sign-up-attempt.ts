// Sent instead of a second account when someone signs up with an address that already has a
// confirmed account: the page said "check your inbox" either way, so the owner learns of it
// and nobody else learns that the address is registered.
import "server-only";
import { composeMail, greet } from "@/lib/mail/compose";

export function signUpAttemptMail({ to, name, signInUrl, resetUrl }: { to: string; name: string; signInUrl: string; resetUrl: string }) {
  return composeMail({
    to,
    subject: "Someone tried to sign up with your address",
    greeting: greet(name),
    paragraphs: [
      "Someone just tried to create a new tiergate account with this email address. You already have an account, so nothing was created and nothing about your account changed.",
      `If it was you, sign in instead: ${signInUrl}`,
    ],
    action: { label: "Forgot your password? Reset it", url: resetUrl },
    after: ["If it was not you, you can ignore this message."],
  });
}
