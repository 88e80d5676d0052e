// GET /api/health/live — the process answers (no database): a supervisor restarts it when this fails
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = unguardedRoute("health.live", async () => {
  return Response.json({ status: "live" }, { headers: { "cache-control": "no-store" } });
});
