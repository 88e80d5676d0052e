// A user creates another (non-personal) organisation and switches to it.
import "server-only";
import { db } from "@/lib/db/client";
import { ZCreateOrgSchema } from "@/lib/orgs/schemas";
import { createOrganization } from "@/lib/orgs/create-organization";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult } from "@/lib/action-result";

export const MAX_ORGS_PER_USER = 20;

export async function createTeamOrganization({
  sessionId,
  userId,
  input,
}: {
  sessionId: string;
  userId: string;
  input: unknown;
}): Promise<ActionResult<{ orgId: string }>> {
  const parsed = ZCreateOrgSchema.safeParse(input);
  if (!parsed.success) return refuse(invalid(fieldsFromZod(parsed.error.issues)));
  const owned = await db.membership.count({ where: { userId, role: "owner" } });
  if (owned >= MAX_ORGS_PER_USER) {
    return refuse(invalid({ name: `You can own at most ${MAX_ORGS_PER_USER} organisations.` }));
  }
  const org = await db.$transaction(async (tx) => {
    const created = await createOrganization({ tx, name: parsed.data.name, ownerId: userId, personal: false });
    await tx.session.update({ where: { id: sessionId }, data: { currentOrgId: created.id } });
    return created;
  });
  return ok({ orgId: org.id });
}
