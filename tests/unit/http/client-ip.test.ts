// X-Forwarded-For, written by the production server and read by clientIp(): with no trusted
// proxy the client's own header is gone; with N trusted proxies the entry N from the right
// (the address the first trusted proxy saw) is the client, and anything left of it is not.
import { describe, expect, it } from "vitest";
import { clientIpFromForwardedFor, forwardedForHeader, normalizeIp, trustedProxyHops } from "@/lib/http/forwarded-for";
import { clientIp } from "@/lib/http/client-ip";

/** What the app sees after our server handled a request from `socket` carrying `incoming`. */
const seen = (incoming: string | undefined, socket: string, hops: number) =>
  clientIpFromForwardedFor(forwardedForHeader({ incoming, socketAddress: socket, hops }), hops);

describe("attack: forging X-Forwarded-For to pick the IP we throttle and record", () => {
  it("with no trusted proxy (the default) a client-sent header is dropped: the socket address wins", () => {
    expect(forwardedForHeader({ incoming: "1.2.3.4", socketAddress: "203.0.113.9", hops: 0 })).toBe("203.0.113.9");
    expect(seen("1.2.3.4", "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(seen("1.2.3.4, 5.6.7.8", "::ffff:203.0.113.9", 0)).toBe("203.0.113.9");
    expect(seen(undefined, "2001:db8::1", 0)).toBe("2001:db8::1");
  });

  it("behind one trusted proxy the proxy's entry is used, and what the client prepended is not", () => {
    // client 198.51.100.7 sent "1.2.3.4"; the proxy (10.0.0.2) appended the client's address.
    expect(forwardedForHeader({ incoming: "1.2.3.4, 198.51.100.7", socketAddress: "10.0.0.2", hops: 1 })).toBe(
      "1.2.3.4, 198.51.100.7, 10.0.0.2",
    );
    expect(seen("1.2.3.4, 198.51.100.7", "10.0.0.2", 1)).toBe("198.51.100.7");
    expect(seen("198.51.100.7", "10.0.0.2", 1)).toBe("198.51.100.7");
    // Two proxies: client → 10.0.0.1 → 10.0.0.2 → us.
    expect(seen("6.6.6.6, 198.51.100.7, 10.0.0.1", "10.0.0.2", 2)).toBe("198.51.100.7");
  });

  it("fewer entries than hops falls back to the furthest hop known, never to a client value", () => {
    expect(seen(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
  });

  it("an entry that is not an IP address reads as unknown", () => {
    expect(clientIpFromForwardedFor("<script>, 10.0.0.2", 1)).toBe("unknown");
    expect(clientIpFromForwardedFor("", 0)).toBe("unknown");
    expect(clientIpFromForwardedFor(null, 0)).toBe("unknown");
  });

  it("clientIp reads the header with TRUSTED_PROXY_HOPS (0 by default) and ignores X-Real-IP", () => {
    const headers: Record<string, string> = { "x-forwarded-for": "1.2.3.4, 203.0.113.9", "x-real-ip": "9.9.9.9" };
    expect(clientIp((name) => headers[name])).toBe("203.0.113.9");
    expect(clientIp((name) => headers[name], 1)).toBe("1.2.3.4");
    expect(clientIp(() => undefined)).toBe("unknown");
  });

  it("TRUSTED_PROXY_HOPS is validated", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("")).toBe(0);
    expect(trustedProxyHops("2")).toBe(2);
    expect(() => trustedProxyHops("one")).toThrow(/TRUSTED_PROXY_HOPS must be a whole number/);
    expect(() => trustedProxyHops("-1")).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => trustedProxyHops("11")).toThrow(/at most 10/);
    expect(normalizeIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
  });
});
