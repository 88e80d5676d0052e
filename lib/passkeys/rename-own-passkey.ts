// Account → passkeys: "rename" (passkeys.rename). Only the caller's own passkeys match.
import "server-only";
import type { z } from "zod";
import { invalid } from "@/lib/action-result";
import { refuseFromBody, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import { renamePasskey, type ZRenamePasskeySchema } from "@/lib/passkeys/manage-passkey";

export async function renameOwnPasskey({ input, ctx, tx }: GuardedBodyArgs<z.output<typeof ZRenamePasskeySchema>, SessionContext>) {
  const { renamed } = await renamePasskey({ tx, userId: ctx.userId, passkeyId: input.passkeyId, name: input.name });
  if (!renamed) refuseFromBody(invalid({ passkeyId: "That passkey does not exist." }));
  return { renamed };
}
