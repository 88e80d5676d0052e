// Switches the session's current org. Membership is the only thing that decides: an org
// id the user is not a member of is refused exactly like one that does not exist.
import "server-only";
import { db } from "@/lib/db/client";
import { ZOrgIdSchema } from "@/lib/orgs/schemas";
import { invalid, ok, refuse, type ActionResult } from "@/lib/action-result";

export async function switchOrganization({
  sessionId,
  userId,
  orgId,
}: {
  sessionId: string;
  userId: string;
  orgId: unknown;
}): Promise<ActionResult<{ orgId: string }>> {
  const parsed = ZOrgIdSchema.safeParse(orgId);
  if (!parsed.success) return refuse(invalid({ orgId: "That organisation does not exist." }));
  const membership = await db.membership.findUnique({ where: { orgId_userId: { orgId: parsed.data, userId } } });
  if (!membership) return refuse(invalid({ orgId: "That organisation does not exist." }));
  await db.session.update({ where: { id: sessionId }, data: { currentOrgId: parsed.data } });
  return ok({ orgId: parsed.data });
}
