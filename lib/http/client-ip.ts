// The client IP for throttling, sessions and the audit log. It is read from X-Forwarded-For,
// which the production server (server/production-server.ts) owns: it replaces whatever the
// client sent with the socket address, or appends the socket address behind
// TRUSTED_PROXY_HOPS proxies, so the entry picked here is never client-written.
// (`npm run dev` runs plain `next dev`, which keeps a client's header: dev trusts the client.)
import "server-only";
import { env } from "@/lib/env";
import { clientIpFromForwardedFor } from "@/lib/http/forwarded-for";

export function clientIp(getHeader: (name: string) => string | null | undefined, hops = env().TRUSTED_PROXY_HOPS): string {
  return clientIpFromForwardedFor(getHeader("x-forwarded-for"), hops).slice(0, 64);
}
