// What every sign-up, resend and reset request answers with: where to look, and (when the
// mail could not be sent) a reference to quote, never the SMTP error itself.
import { MailCheck, MailWarning } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

export function CheckInbox({ email, lead, mailReference }: { email: string; lead: string; mailReference?: string }) {
  if (mailReference) {
    return (
      <Alert variant="warning" data-testid="mail-failed">
        <MailWarning />
        <AlertTitle>We could not send the email just now</AlertTitle>
        <AlertDescription>
          <p>
            Your request for {email} was received, but our mail server did not take the message. Please try again in a few minutes. If it
            keeps happening, contact support and quote reference <span className="font-mono">{mailReference}</span>.
          </p>
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert variant="success" data-testid="check-inbox">
      <MailCheck />
      <AlertTitle>Check your inbox</AlertTitle>
      <AlertDescription>
        <p>
          {lead} <span className="font-medium break-all">{email}</span>.
        </p>
      </AlertDescription>
    </Alert>
  );
}
