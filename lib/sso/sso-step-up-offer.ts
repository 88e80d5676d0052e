// What the step-up modal may offer this session for this action: "Re-authenticate with
// <IdP>" exactly when the start would accept the trip (the same server decision,
// sso-step-up-option.ts), and whether the user has a passkey (the IdP button then comes
// second). A hint only: the start and the callback decide again.
import "server-only";
import { db } from "@/lib/db/client";
import { ssoStepUpOption } from "@/lib/sso/sso-step-up-option";
import type { CurrentSession } from "@/lib/auth/load-session";
import type { ActionId } from "@/lib/licensing/policy";

export type SsoStepUpOffer = { offered: true; idp: string; hasPasskey: boolean } | { offered: false };

export async function viewSsoStepUpOffer({
  session,
  actionId,
  now,
}: {
  session: CurrentSession;
  actionId: ActionId;
  now: Date;
}): Promise<SsoStepUpOffer> {
  const option = await ssoStepUpOption({ sessionId: session.sid, userId: session.user.id, orgId: session.org.id, actionId, now });
  if (!option.ok) return { offered: false };
  const passkeys = await db.passkey.count({ where: { userId: session.user.id } });
  return { offered: true, idp: option.idpLabel, hasPasskey: passkeys > 0 };
}
