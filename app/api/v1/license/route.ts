// GET /api/v1/license — the caller's org license: { org, plan, status, features, currentPeriodEnd, cancelAtPeriodEnd, trialEnd }
// Callers: a browser session or an org API key (Authorization: Bearer tg_…), both through the guard (license.view).
import { z } from "zod";
import { guardRoute } from "@/lib/guard/guard-route";
import { viewLicense } from "@/lib/licensing/view-license";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = guardRoute("license.view", {
  schema: z.object({}),
  input: () => ({}),
  body: viewLicense,
  respond: (data) => Response.json(data, { headers: { "cache-control": "no-store" } }),
});
