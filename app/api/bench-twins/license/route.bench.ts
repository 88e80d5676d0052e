// GET /api/bench-twins/license — exists only in a bench build (TIERGATE_BENCH_TWINS=1, next.config.ts): GET /api/v1/license's body without the guard
import { unguardedRoute } from "@/lib/guard/unguarded-route";
import { unguardedViewLicense } from "@/bench/twins/twin-routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = unguardedRoute("bench.twin.license.view", unguardedViewLicense);
