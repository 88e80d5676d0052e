// Settings → API keys: "create a key" (apiKeys.create). The plaintext is returned once; the
// plan's key limit depends on the data, so past it the action rolls back with a refusal.
import "server-only";
import type { z } from "zod";
import { invalid } from "@/lib/action-result";
import { createApiKey, ApiKeyLimitError } from "@/lib/api-keys/create-api-key";
import { refuseFromBody, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import type { ZCreateApiKeySchema } from "@/lib/api-keys/schemas";

export async function issueApiKey({ input, ctx, tx, license, now }: GuardedBodyArgs<z.output<typeof ZCreateApiKeySchema>, SessionContext>) {
  try {
    return await createApiKey({ tx, orgId: ctx.orgId, userId: ctx.userId, name: input.name, license, now });
  } catch (err) {
    if (err instanceof ApiKeyLimitError) refuseFromBody(invalid({ name: err.message }, err.message));
    throw err;
  }
}
