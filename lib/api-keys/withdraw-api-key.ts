// Settings → API keys: "revoke a key" (apiKeys.revoke; its grants go with it).
import "server-only";
import type { z } from "zod";
import { invalid } from "@/lib/action-result";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { refuseFromBody, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import type { ZRevokeApiKeySchema } from "@/lib/api-keys/schemas";

export async function withdrawApiKey({ input, ctx, tx, now }: GuardedBodyArgs<z.output<typeof ZRevokeApiKeySchema>, SessionContext>) {
  const { revoked } = await revokeApiKey({ tx, orgId: ctx.orgId, apiKeyId: input.apiKeyId, userId: ctx.userId, now });
  if (!revoked) refuseFromBody(invalid({ apiKeyId: "That key does not exist or was already revoked." }));
  return { revoked };
}
