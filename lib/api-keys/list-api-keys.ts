import "server-only";
import { db, type Db } from "@/lib/db/client";

export type ApiKeyListItem = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; createdBy: string };

export async function listApiKeys({ tx = db, orgId }: { tx?: Db; orgId: string }): Promise<ApiKeyListItem[]> {
  const keys = await tx.apiKey.findMany({ where: { orgId, revokedAt: null }, orderBy: { createdAt: "desc" } });
  const users = await tx.user.findMany({ where: { id: { in: keys.map((k) => k.createdByUserId) } }, select: { id: true, email: true } });
  const emails = new Map(users.map((u) => [u.id, u.email]));
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    createdBy: emails.get(k.createdByUserId) ?? "a former member",
  }));
}
