// The client IP for throttling and session display. We trust the first X-Forwarded-For hop,
// which is right behind one reverse proxy (the usual deployment); without a proxy a client
// could spoof it, which only lets them spread their own throttle budget — per-email limits
// still hold. Change here if your topology differs.
export function clientIp(getHeader: (name: string) => string | null | undefined): string {
  const forwarded = getHeader("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || getHeader("x-real-ip") || "unknown").slice(0, 64);
}
