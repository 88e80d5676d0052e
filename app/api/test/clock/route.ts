// POST /api/test/clock {seconds} — moves server time (e2e only: 404 unless TIERGATE_TEST_CLOCK=1)
import { z } from "zod";
import { env } from "@/lib/env";
import { setClockOffset } from "@/lib/clock";
import { readJson, jsonError } from "@/lib/guard/refusal-response";
import { unguardedRoute } from "@/lib/guard/unguarded-route";

export const dynamic = "force-dynamic";
const Body = z.object({
  seconds: z
    .number()
    .int()
    .min(-10 * 365 * 86400)
    .max(10 * 365 * 86400),
});

export const POST = unguardedRoute("test.clock", async (req: Request) => {
  if (env().TIERGATE_TEST_CLOCK !== "1") return new Response("Not found", { status: 404 });
  const json = await readJson(req);
  if (!json.ok) return json.response;
  const parsed = Body.safeParse(json.value);
  if (!parsed.success) return jsonError(400, 'Send {"seconds": <integer offset>}.');
  await setClockOffset(parsed.data.seconds);
  return Response.json({ seconds: parsed.data.seconds });
});
