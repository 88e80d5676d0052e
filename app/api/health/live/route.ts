// GET /api/health/live — the process answers (no database): a supervisor restarts it when this fails
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "live" }, { headers: { "cache-control": "no-store" } });
}
