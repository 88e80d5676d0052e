// Who owns an org — what a member needs to know to ask for a plan change.
import "server-only";
import { db } from "@/lib/db/client";

export function listOrgOwners({ orgId }: { orgId: string }) {
  return db.user.findMany({
    where: { memberships: { some: { orgId, role: "owner" } } },
    select: { name: true, email: true },
    orderBy: { name: "asc" },
  });
}
