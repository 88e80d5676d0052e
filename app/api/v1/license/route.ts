// GET /api/v1/license — the caller's org license: { org, plan, status, features, currentPeriodEnd, cancelAtPeriodEnd, trialEnd }
import { getCurrentSession } from "@/lib/auth/current-session";
import { getLicense } from "@/lib/licensing/get-license";
import { toLicenseResponse } from "@/lib/licensing/license-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Who is asking. API keys (Authorization: Bearer) plug in here as a second branch. */
async function resolveCaller(): Promise<{ org: { id: string; name: string; slug: string } } | null> {
  const session = await getCurrentSession();
  return session ? { org: { id: session.org.id, name: session.org.name, slug: session.org.slug } } : null;
}

export async function GET() {
  const caller = await resolveCaller();
  if (!caller) {
    return Response.json({ error: "unauthenticated", message: "Sign in or send an API key." }, { status: 401 });
  }
  const license = await getLicense({ orgId: caller.org.id });
  return Response.json(toLicenseResponse({ org: caller.org, license }), { headers: { "cache-control": "no-store" } });
}
