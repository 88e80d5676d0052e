// GET /api/v1/license — the caller's org license: { org, plan, status, features, currentPeriodEnd, cancelAtPeriodEnd, trialEnd }
// Callers: a browser session or an org API key (Authorization: Bearer tg_…), both through the guard (license.view).
import { z } from "zod";
import { guardRoute } from "@/lib/guard/guard-route";
import { toLicenseResponse } from "@/lib/licensing/license-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = guardRoute("license.view", {
  schema: z.object({}),
  input: () => ({}),
  body: async function licenseRoute({ ctx, tx, license }) {
    const org = await tx.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { id: true, name: true, slug: true } });
    return toLicenseResponse({ org, license });
  },
  respond: (data) => Response.json(data, { headers: { "cache-control": "no-store" } }),
});
