// Account → passkeys: "remove" (passkeys.remove, itself a step-up action): the passkey goes
// with the grants it produced; the account holder is mailed after commit.
import "server-only";
import type { z } from "zod";
import { invalid, ok } from "@/lib/action-result";
import { refuseFromBody, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import type { CurrentSession } from "@/lib/auth/load-session";
import { notifySecurityEvent } from "@/lib/mail/notify-security-event";
import { removePasskey, type ZRemovePasskeySchema } from "@/lib/passkeys/manage-passkey";

export async function removeOwnPasskey({ input, ctx, tx, now }: GuardedBodyArgs<z.output<typeof ZRemovePasskeySchema>, SessionContext>) {
  const result = await removePasskey({ tx, userId: ctx.userId, orgId: ctx.orgId, passkeyId: input.passkeyId, now });
  if (!result.removed) refuseFromBody(invalid({ passkeyId: "That passkey does not exist." }));
  return result;
}

/** After commit (never from inside the guard's transaction): the security notice. */
export async function noticePasskeyRemoved({
  data,
  session,
}: {
  data: Awaited<ReturnType<typeof removeOwnPasskey>>;
  session: CurrentSession;
}) {
  notifySecurityEvent({ userId: session.user.id, event: { kind: "passkey_removed", passkeyName: data.name ?? "" }, at: new Date() });
  return ok(data);
}
