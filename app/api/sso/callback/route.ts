// GET /api/sso/callback?code&state — the IdP sends the browser back here: verify, then sign in (a one-time ticket) or finish a step-up (its popup page)
import { unguardedRoute } from "@/lib/guard/unguarded-route";
import { env } from "@/lib/env";
import { readBindingCookie } from "@/lib/sso/binding-cookie";
import { BINDING_COOKIE } from "@/lib/sso/attempts";
import { handleSsoCallback } from "@/lib/sso/handle-callback";

export const dynamic = "force-dynamic";

export const GET = unguardedRoute("sso.callback", async (req: Request) => {
  const outcome = await handleSsoCallback({ url: new URL(req.url), binding: readBindingCookie(req) });
  // A step-up ran in a popup: its page tells the modal (the grant is already minted) and closes.
  // The ticket travels in the fragment: never sent to a server, never in a log or a Referer.
  const target =
    outcome.kind === "step_up"
      ? `/sso/step-up?${outcome.ok ? "result=verified" : `error=${outcome.code}`}`
      : outcome.ok
        ? `/sso/complete?next=${encodeURIComponent(outcome.returnTo)}#ticket=${outcome.ticket}`
        : `/sign-in?sso_error=${outcome.code}`;
  return new Response(null, {
    status: 303,
    headers: {
      location: new URL(target, env().origin).href,
      "set-cookie": `${BINDING_COOKIE}=; Path=/api/sso; HttpOnly; SameSite=Lax; Max-Age=0`,
    },
  });
});
