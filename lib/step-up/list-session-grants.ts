// This session's live step-up grants, for the "Verification" page.
import "server-only";
import { db } from "@/lib/db/client";

export async function listSessionGrants({ sessionId, orgId, now }: { sessionId: string; orgId: string; now: Date }) {
  const grants = await db.stepUpGrant.findMany({
    where: { sessionId, orgId, revokedAt: null, consumedAt: null, expiresAt: { gt: now } },
    orderBy: { verifiedAt: "desc" },
    take: 20,
  });
  const passkeys = await db.passkey.findMany({
    where: { id: { in: grants.flatMap((g) => (g.passkeyId ? [g.passkeyId] : [])) } },
    select: { id: true, name: true },
  });
  const names = new Map(passkeys.map((p) => [p.id, p.name]));
  return grants.map((g) => ({
    id: g.id,
    level: g.level,
    actionId: g.actionId,
    verifiedAt: g.verifiedAt,
    passkeyName: (g.passkeyId && names.get(g.passkeyId)) || "a removed passkey",
  }));
}
