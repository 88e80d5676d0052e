// Where a fresh session lands. An explicit org (an SSO sign-in lands in its connection's org)
// if the person is a member; else the org they last switched to (User.lastOrgId) if they are
// STILL a member — the membership is read here, at sign-in, so one that ended (removed,
// left) is never restored by the remembered id; else the personal org, else the oldest
// membership.
import "server-only";
import { db, type Db } from "@/lib/db/client";

export async function landingOrgId({ tx = db, userId, orgId }: { tx?: Db; userId: string; orgId?: string }): Promise<string | null> {
  if (!orgId) {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { lastOrgId: true } });
    const remembered = user?.lastOrgId
      ? await tx.membership.findUnique({ where: { orgId_userId: { orgId: user.lastOrgId, userId } }, select: { orgId: true } })
      : null;
    if (remembered) return remembered.orgId;
  }
  const membership = await tx.membership.findFirst({
    where: { userId, ...(orgId ? { orgId } : {}) },
    orderBy: [{ org: { personal: "desc" } }, { createdAt: "asc" }],
    select: { orgId: true },
  });
  return membership?.orgId ?? null;
}
