// GET /api/health/ready — 200 when this instance should get traffic, 503 naming the checks that failed (lib/ops/readiness.ts)
import { checkReadiness } from "@/lib/ops/readiness";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = unguardedRoute("health.ready", async () => {
  const { ready, failed, checks } = await checkReadiness();
  return Response.json(ready ? { status: "ready", checks } : { status: "not_ready", failed, checks }, {
    status: ready ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
