"use server";
// Passkey management server actions. Registration finishes at /api/webauthn/register/verify;
// it starts at /api/webauthn/register/options for a first passkey (with the password), or
// with addPasskeyAction for another one (a step-up action: see register-passkey.ts).
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/guard/guarded-action";
import { refuseFromBody } from "@/lib/guard/run-guarded";
import { invalid, ok } from "@/lib/action-result";
import { notifySecurityEvent } from "@/lib/mail/notify-security-event";
import { addPasskeyOptions, ZAddPasskeySchema } from "@/lib/step-up/register-passkey";
import { removePasskey, renamePasskey, ZRemovePasskeySchema, ZRenamePasskeySchema } from "@/lib/passkeys/manage-passkey";

export const addPasskeyAction = guardedAction("passkeys.add", ZAddPasskeySchema, addPasskeyOptions);

export const renamePasskeyAction = guardedAction(
  "passkeys.rename",
  ZRenamePasskeySchema,
  async function renamePasskeyAction({ input, ctx, tx }) {
    if (ctx.kind !== "session") refuseFromBody({ kind: "forbidden", message: "Passkeys belong to people, not API keys." });
    const { renamed } = await renamePasskey({ tx, userId: ctx.userId, passkeyId: input.passkeyId, name: input.name });
    if (!renamed) refuseFromBody(invalid({ passkeyId: "That passkey does not exist." }));
    return { renamed };
  },
  { after: () => revalidatePath("/account") },
);

export const removePasskeyAction = guardedAction(
  "passkeys.remove",
  ZRemovePasskeySchema,
  async function removePasskeyAction({ input, ctx, tx, now }) {
    if (ctx.kind !== "session") refuseFromBody({ kind: "forbidden", message: "Passkeys belong to people, not API keys." });
    const result = await removePasskey({ tx, userId: ctx.userId, orgId: ctx.orgId, passkeyId: input.passkeyId, now });
    if (!result.removed) refuseFromBody(invalid({ passkeyId: "That passkey does not exist." }));
    return result;
  },
  {
    // The notice goes out after commit (never from inside the guard's transaction).
    afterCommit: async ({ data, session }) => {
      notifySecurityEvent({ userId: session.user.id, event: { kind: "passkey_removed", passkeyName: data.name ?? "" }, at: new Date() });
      return ok(data);
    },
    after: () => revalidatePath("/account"),
  },
);
