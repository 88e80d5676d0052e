"use server";
// Org API keys: create (apiKeys.create — step-up; the plaintext is returned once) and
// revoke (apiKeys.revoke — also kills the key's grants). Declarations only.
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/guard/guarded-action";
import { issueApiKey } from "@/lib/api-keys/issue-api-key";
import { withdrawApiKey } from "@/lib/api-keys/withdraw-api-key";
import { ZCreateApiKeySchema, ZRevokeApiKeySchema } from "@/lib/api-keys/schemas";

// The plaintext key is returned once and must never be stored, not even in the idempotency record.
export const createApiKeyAction = guardedAction("apiKeys.create", ZCreateApiKeySchema, issueApiKey, {
  after: () => revalidatePath("/settings/api-keys"),
  secretResult: true,
});

export const revokeApiKeyAction = guardedAction("apiKeys.revoke", ZRevokeApiKeySchema, withdrawApiKey, {
  after: () => revalidatePath("/settings/api-keys"),
});
