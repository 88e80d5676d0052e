// Switches the session's current org, and remembers it as the org the next sign-in lands in. Membership is the only thing that decides: an org
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
  // Remembered for the next sign-in (User.lastOrgId), written only after the membership check
  // above: no input can make another user's org, or one the person left, the remembered one.
  await db.$transaction([
    db.session.update({ where: { id: sessionId }, data: { currentOrgId: parsed.data } }),
    db.user.update({ where: { id: userId }, data: { lastOrgId: parsed.data } }),
  ]);
  return ok({ orgId: parsed.data });
}
