// POST /api/webauthn/sign-in/options {} — assertion options for passkey sign-in (discoverable credentials; no user yet)
import { z } from "zod";
import { ceremonyRequest } from "@/lib/step-up/ceremony-request";
import { startPasskeySignIn } from "@/lib/passkeys/passkey-sign-in";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const dynamic = "force-dynamic";

export const POST = unguardedRoute("webauthn.signIn.options", async (req: Request) => {
  const parsed = await ceremonyRequest(req, z.object({}).strict(), { requireSession: false });
  if (!parsed.ok) return parsed.response;
  return Response.json({ options: await startPasskeySignIn({ now: parsed.value.now }) });
});
