"use server";
// Passkey management server actions (registration goes through /api/webauthn/register/*).
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/guard/guarded-action";
import { refuseFromBody } from "@/lib/guard/run-guarded";
import { invalid } from "@/lib/action-result";
import { removePasskey, renamePasskey, ZRemovePasskeySchema, ZRenamePasskeySchema } from "@/lib/passkeys/manage-passkey";

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
  { after: () => revalidatePath("/account") },
);
