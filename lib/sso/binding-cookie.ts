// The cookie that ties a trip to the IdP to the browser that started it (attempts.ts).
// SameSite=Lax: the IdP's redirect back is a top-level GET, which Lax sends; HttpOnly; only
// /api/sso sees it; Secure when the app is served over https.
import "server-only";
import { env } from "@/lib/env";
import { ATTEMPT_TTL_MS, BINDING_COOKIE } from "@/lib/sso/attempts";

export function bindingCookie(value: string): string {
  const secure = env().origin.startsWith("https://") ? "; Secure" : "";
  return `${BINDING_COOKIE}=${value}; Path=/api/sso; HttpOnly; SameSite=Lax; Max-Age=${ATTEMPT_TTL_MS / 1000}${secure}`;
}

export function readBindingCookie(req: Request): string {
  const header = req.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === BINDING_COOKIE) return rest.join("=");
  }
  return "";
}
