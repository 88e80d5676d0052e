// The session action "create org" (app/(app)/actions.ts): a team org the user owns, and the
// session switches to it.
import "server-only";
import { createTeamOrganization } from "@/lib/orgs/create-team-organization";
import type { SessionBodyArgs } from "@/lib/guard/session-action";

export async function createOrg({ input, ctx }: SessionBodyArgs) {
  return createTeamOrganization({ sessionId: ctx.sid, userId: ctx.userId, input });
}
