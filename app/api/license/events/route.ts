// GET /api/license/events — server-sent events: `license` whenever the session's org's license changes, `signed_out` when the session ends
import { getCurrentSession } from "@/lib/auth/current-session";
import { openLicenseEventStream } from "@/lib/licensing/license-event-stream";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = unguardedRoute("license.events", async (request: Request) => {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "unauthenticated", message: "Sign in to receive license updates." }, { status: 401 });
  const stream = await openLicenseEventStream({ orgId: session.org.id, sid: session.sid, signal: request.signal });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // Proxies such as nginx buffer responses unless told not to.
      "x-accel-buffering": "no",
    },
  });
});
