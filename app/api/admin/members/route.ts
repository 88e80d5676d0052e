// GET /api/admin/members — the org's members and pending invitations as JSON (admin.view, the console's entry action)
import { z } from "zod";
import { guardRoute } from "@/lib/guard/guard-route";
import { listMembersAndInvites } from "@/lib/admin/list-members";

export const dynamic = "force-dynamic";

export const GET = guardRoute("admin.view", {
  schema: z.object({}).strict(),
  body: async function viewMembersRoute({ ctx, tx, now }) {
    return listMembersAndInvites({ tx, orgId: ctx.orgId, now });
  },
  respond: (data) => Response.json(data, { headers: { "cache-control": "no-store" } }),
});
