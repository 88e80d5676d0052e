// GET /api/health/ready — 200 when this instance should get traffic, 503 naming the checks that failed (lib/ops/readiness.ts)
import { checkReadiness } from "@/lib/ops/readiness";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const { ready, failed, checks } = await checkReadiness();
  return Response.json(ready ? { status: "ready", checks } : { status: "not_ready", failed, checks }, {
    status: ready ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
