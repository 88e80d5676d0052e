// Creates an org API key inside the guarded transaction. The plaintext is returned once
// and never stored; the plan's key limit counts live (unrevoked) keys, under the org's
// limit lock so concurrent creations cannot both see room for one more.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { generateApiKey } from "@/lib/api-keys/key-format";
import { lockOrgLimit } from "@/lib/orgs/lock-org-limit";
import type { License } from "@/lib/licensing/get-license";

export class ApiKeyLimitError extends Error {}

export async function createApiKey({
  tx,
  orgId,
  userId,
  name,
  license,
  now,
}: {
  tx: Tx;
  orgId: string;
  userId: string;
  name: string;
  license: License;
  now: Date;
}): Promise<{ id: string; name: string; prefix: string; key: string }> {
  const limit = license.limits.apiKeys;
  await lockOrgLimit({ tx, orgId, limit: "api_keys" });
  const live = await tx.apiKey.count({ where: { orgId, revokedAt: null } });
  if (live >= limit) {
    throw new ApiKeyLimitError(`Your plan allows ${limit} API keys and all ${limit} are in use. Revoke one, or ask an owner to upgrade.`);
  }
  const { key, prefix, hash } = generateApiKey();
  const row = await tx.apiKey.create({ data: { orgId, createdByUserId: userId, name, prefix, hash, createdAt: now } });
  return { id: row.id, name: row.name, prefix: row.prefix, key };
}
