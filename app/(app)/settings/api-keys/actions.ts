"use server";
// Org API keys: create (apiKeys.create — step-up; the plaintext is returned once) and
// revoke (apiKeys.revoke — also kills the key's grants).
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/guard/guarded-action";
import { refuseFromBody } from "@/lib/guard/run-guarded";
import { invalid } from "@/lib/action-result";
import { createApiKey, ApiKeyLimitError } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { ZCreateApiKeySchema, ZRevokeApiKeySchema } from "@/lib/api-keys/schemas";

export const createApiKeyAction = guardedAction(
  "apiKeys.create",
  ZCreateApiKeySchema,
  async function createApiKeyAction({ input, ctx, tx, license, now }) {
    try {
      return await createApiKey({ tx, orgId: ctx.orgId, userId: ctx.userId, name: input.name, license, now });
    } catch (err) {
      if (err instanceof ApiKeyLimitError) refuseFromBody(invalid({ name: err.message }, err.message));
      throw err;
    }
  },
  // The plaintext key is returned once and must never be stored, not even in the
  // idempotency record.
  { after: () => revalidatePath("/settings/api-keys"), secretResult: true },
);

export const revokeApiKeyAction = guardedAction(
  "apiKeys.revoke",
  ZRevokeApiKeySchema,
  async function revokeApiKeyAction({ input, ctx, tx, now }) {
    const { revoked } = await revokeApiKey({ tx, orgId: ctx.orgId, apiKeyId: input.apiKeyId, userId: ctx.userId, now });
    if (!revoked) refuseFromBody(invalid({ apiKeyId: "That key does not exist or was already revoked." }));
    return { revoked };
  },
  { after: () => revalidatePath("/settings/api-keys") },
);
