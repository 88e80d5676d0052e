// Shared plumbing for the ceremony route handlers: body first (malformed JSON → 400 before
// anything else, nothing written), then the session, then zod.
import "server-only";
import type { z } from "zod";
import { getCurrentSession } from "@/lib/auth/current-session";
import type { CurrentSession } from "@/lib/auth/load-session";
import { clientIp } from "@/lib/http/client-ip";
import { now as clockNow } from "@/lib/clock";
import { readJson, jsonError } from "@/lib/guard/refusal-response";
import { fieldsFromZod } from "@/lib/action-result";

export type CeremonyRequest<T> = { session: CurrentSession; input: T; now: Date; ip: string };

export async function ceremonyRequest<S extends z.ZodType>(
  req: Request,
  schema: S,
  { requireSession = true }: { requireSession?: boolean } = {},
): Promise<
  { ok: true; value: CeremonyRequest<z.output<S>> | Omit<CeremonyRequest<z.output<S>>, "session"> } | { ok: false; response: Response }
> {
  const json = await readJson(req);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    return {
      ok: false,
      response: jsonError(400, "The request is missing something or has a wrong value.", { fields: fieldsFromZod(parsed.error.issues) }),
    };
  }
  const ip = clientIp((name) => req.headers.get(name));
  const now = await clockNow();
  if (!requireSession) return { ok: true, value: { input: parsed.data, now, ip } };
  const session = await getCurrentSession();
  if (!session) return { ok: false, response: jsonError(401, "Please sign in to continue.") };
  return { ok: true, value: { session, input: parsed.data, now, ip } };
}

export function withSession<T>(value: CeremonyRequest<T> | Omit<CeremonyRequest<T>, "session">): CeremonyRequest<T> {
  if (!("session" in value)) throw new Error("ceremonyRequest was called without requireSession");
  return value;
}
