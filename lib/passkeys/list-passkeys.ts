// The account page's passkey list (server-loaded, passed to <PasskeyManager passkeys={…} />).
import "server-only";
import { db } from "@/lib/db/client";

export type PasskeyListItem = {
  id: string;
  name: string;
  deviceType: string;
  backedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
};

export async function listPasskeys({ userId }: { userId: string }): Promise<PasskeyListItem[]> {
  const rows = await db.passkey.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    deviceType: p.deviceType,
    backedUp: p.backedUp,
    createdAt: p.createdAt.toISOString(),
    lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
  }));
}
