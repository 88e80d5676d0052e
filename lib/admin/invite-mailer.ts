// Invitation delivery: the invite link by mail to the invited address, after the invitation
// committed (the admin action's `after`). The console also shows the link once to the person
// who created it, so a delivery failure (logged with a reference by lib/mail/transport.ts)
// never undoes the invitation or leaves the inviter without a way to share it.
import "server-only";
import { sendMail } from "@/lib/mail/transport";
import { inviteMail } from "@/lib/mail/templates/invite";

export type InviteMessage = { inviteId: string; orgName: string; email: string; role: string; url: string; expiresAt: Date };

export async function deliverInvite({ email, orgName, role, url, expiresAt }: InviteMessage): Promise<void> {
  await sendMail("invite", inviteMail({ to: email, orgName, role, url, expiresAt }));
}
