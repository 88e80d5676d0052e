// `Authorization: Bearer tg_…` → the key's org and creator, or null. The key acts with its
// creator's role in the org (re-read by the guard on every request).
import "server-only";
import { db } from "@/lib/db/client";
import { API_KEY_PATTERN, hashApiKey } from "@/lib/api-keys/key-format";
import type { GuardContext } from "@/lib/guard/context";

const LAST_USED_RESOLUTION_MS = 60_000;

export function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : "";
}

export async function authenticateApiKey({ token }: { token: string }): Promise<Extract<GuardContext, { kind: "api_key" }> | null> {
  if (!API_KEY_PATTERN.test(token)) return null;
  const key = await db.apiKey.findUnique({
    where: { hash: hashApiKey(token) },
    select: { id: true, orgId: true, createdByUserId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!key || key.revokedAt) return null;
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  return { kind: "api_key", apiKeyId: key.id, orgId: key.orgId, userId: key.createdByUserId };
}
