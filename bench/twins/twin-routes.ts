// The unguarded twin of GET /api/v1/license (a guardRoute of license.view): the same session
// read (getCurrentSession, as guardRoute's resolveCaller does for a browser) and the same
// body (lib/licensing/view-license.ts) in a plain transaction, with no guard. Served only by a
// bench build (app/api/bench-twins/license/route.bench.ts); see twin-context.ts.
import "server-only";
import { db } from "@/lib/db/client";
import { now as clockNow } from "@/lib/clock";
import { getCurrentSession } from "@/lib/auth/current-session";
import { sessionContext } from "@/lib/guard/context";
import { refusalResponse } from "@/lib/guard/refusal-response";
import { viewLicense } from "@/lib/licensing/view-license";
import { benchTwinsEnabled, twinLicense } from "@/bench/twins/twin-context";

export async function unguardedViewLicense(): Promise<Response> {
  if (!benchTwinsEnabled()) return new Response("Not found", { status: 404 });
  const session = await getCurrentSession();
  if (!session) return refusalResponse({ kind: "unauthenticated", message: "Please sign in to continue." }, "anonymous");
  const ctx = sessionContext(session);
  const license = await twinLicense(ctx.orgId, await clockNow());
  const data = await db.$transaction((tx) => viewLicense({ ctx, tx, license }), { timeout: 60_000, maxWait: 10_000 });
  return Response.json(data, { headers: { "cache-control": "no-store" } });
}
