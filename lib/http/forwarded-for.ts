// Who sent a request, as far as we can know: the one rule for X-Forwarded-For, shared by its
// writer (the production server, server/production-server.ts, which alone sees the socket)
// and its reader (clientIp() in the app). No Next or server-only imports: the production
// server runs outside the app's bundle.
//
// Each proxy appends the address of whoever connected to it, so with N trusted proxies in
// front of us the header, once our server has appended its own socket peer, ends
//   "…, client, proxy-1, …, proxy-N" and the client is entry N from the right. Everything
// left of it was written by the client and proves nothing.
import { isIP } from "node:net";
import { z } from "zod";

/** TRUSTED_PROXY_HOPS: how many reverse proxies in front of the app append to X-Forwarded-For. */
export const TrustedProxyHopsSchema = z
  .string()
  .regex(/^\d+$/, "TRUSTED_PROXY_HOPS must be a whole number (0 when clients connect to the app directly)")
  .default("0")
  .transform(Number)
  .pipe(z.number().max(10, "TRUSTED_PROXY_HOPS must be at most 10"));

/** Parses TRUSTED_PROXY_HOPS for the production server (lib/env.ts does the same for the app). */
export function trustedProxyHops(raw: string | undefined): number {
  const parsed = TrustedProxyHopsSchema.safeParse(raw === "" ? undefined : raw);
  if (!parsed.success) throw new Error(`Invalid environment configuration:\n  - ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) → "10.0.0.1". */
export function normalizeIp(address: string | undefined): string {
  const ip = (address ?? "").trim();
  return ip.toLowerCase().startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/**
 * The X-Forwarded-For value the app will see. With hops = 0 nothing the client sent survives
 * (it is the socket address alone); with hops = N our socket peer is appended, as a proxy would.
 */
export function forwardedForHeader({
  incoming,
  socketAddress,
  hops,
}: {
  incoming: string | string[] | undefined;
  socketAddress: string | undefined;
  hops: number;
}): string {
  const peer = normalizeIp(socketAddress) || "unknown";
  const prior = hops === 0 ? "" : (Array.isArray(incoming) ? incoming.join(",") : (incoming ?? "")).trim();
  return prior ? `${prior}, ${peer}` : peer;
}

/** Entry `hops` from the right; fewer entries than that → the leftmost (the furthest hop known). */
export function clientIpFromForwardedFor(header: string | null | undefined, hops: number): string {
  const entries = (header ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  const ip = normalizeIp(entries[Math.max(0, entries.length - 1 - hops)]);
  return isIP(ip) ? ip : "unknown";
}
