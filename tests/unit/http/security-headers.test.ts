// The header builders behind proxy.ts and next.config.ts: what changes with https and with
// `next dev`, and what never does (the browser-level checks are in tests/e2e/security-headers).
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/lib/http/security-headers";

const scriptSrc = (csp: string) => csp.split("; ").find((d) => d.startsWith("script-src "))!;

describe("attack: downgrading an https deployment to plain http", () => {
  it("HSTS (two years, subdomains) is sent when APP_URL is https", () => {
    expect(strictTransportSecurity("https://tiergate.example")).toEqual({
      key: "Strict-Transport-Security",
      value: "max-age=63072000; includeSubDomains",
    });
  });

  it("no HSTS for a plain-http APP_URL (localhost must stay reachable)", () => {
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
  });

  it("https pages also upgrade any stray http subresource", () => {
    expect(contentSecurityPolicy({ nonce: "n", dev: false, https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", dev: false, https: false })).not.toContain("upgrade-insecure-requests");
  });
});

describe("attack: running injected script", () => {
  it("production scripts need the request's nonce: no 'unsafe-inline', no 'unsafe-eval'", () => {
    expect(scriptSrc(contentSecurityPolicy({ nonce: "abc", dev: false, https: true }))).toBe(
      "script-src 'self' 'nonce-abc' 'strict-dynamic'",
    );
  });

  it("'unsafe-eval' only under next dev, for React's dev tooling", () => {
    expect(scriptSrc(contentSecurityPolicy({ nonce: "abc", dev: true, https: false }))).toBe(
      "script-src 'self' 'nonce-abc' 'strict-dynamic' 'unsafe-eval'",
    );
  });

  it("a nonce is 128 random bits, fresh each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
