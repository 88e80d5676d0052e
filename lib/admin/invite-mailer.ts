// Invitation delivery is optional and pluggable. The console always shows the link once
// to the person who created it; a mailer may also send it. The default only logs that an
// invitation exists (never the link: it carries the token).
import "server-only";
import { logger } from "@/lib/log";

export type InviteMessage = { inviteId: string; orgName: string; email: string; role: string; url: string; expiresAt: Date };

export interface InviteMailer {
  send(message: InviteMessage): Promise<void>;
}

export const logInviteMailer: InviteMailer = {
  async send({ inviteId, email, role, expiresAt }) {
    logger.info(
      { event: "members.invite_delivery_skipped", inviteId, role, emailDomain: email.split("@")[1], expiresAt },
      "no invite mailer configured; share the link shown in the console",
    );
  },
};

let current: InviteMailer = logInviteMailer;

/** Plug in real delivery (e.g. at boot, from an email provider's SDK). */
export function setInviteMailer(mailer: InviteMailer) {
  current = mailer;
}

export function inviteMailer(): InviteMailer {
  return current;
}

/** Called after the invitation committed; a delivery failure never undoes the invitation. */
export async function deliverInvite(message: InviteMessage): Promise<void> {
  try {
    await inviteMailer().send(message);
  } catch (err) {
    logger.error(
      { event: "members.invite_delivery_failed", inviteId: message.inviteId, err },
      "invite delivery failed; the link shown in the console still works",
    );
  }
}
