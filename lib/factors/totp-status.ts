// What the account page shows about a person's authenticator app (never the seed).
import "server-only";
import { db } from "@/lib/db/client";

export async function totpStatus({ userId }: { userId: string }) {
  const row = await db.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true, lastUsedAt: true } });
  const since = row?.confirmedAt ?? null;
  return {
    enabled: since !== null,
    since: since?.toISOString() ?? null,
    lastUsedAt: since ? (row?.lastUsedAt?.toISOString() ?? null) : null,
  };
}
