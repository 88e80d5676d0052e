// The browser-facing security headers, in one place: the static ones (every response, set
// by next.config.ts headers(), which also covers the webhook and static files the proxy
// skips) and the per-request Content-Security-Policy with its nonce (set by proxy.ts).
// No `server-only`: next.config.ts imports this file.
//
// CSP decisions:
// - Scripts: a fresh nonce per request plus 'strict-dynamic' (Next's own recipe). Next reads
//   the nonce from the request's CSP header and puts it on its scripts, which is why every
//   page renders dynamically (app/layout.tsx). No 'unsafe-inline' for scripts, ever;
//   'unsafe-eval' only under `next dev`, where React's dev tooling needs it.
// - Styles: 'unsafe-inline' for styles only. Radix's dialogs inject <style> elements at
//   runtime (react-remove-scroll, which cannot learn a nonce under Turbopack) and
//   server-rendered components carry style attributes; inline CSS cannot run script, and
//   the markup is React-escaped, so the remaining risk (CSS-based exfiltration through an
//   injected stylesheet) is accepted for styles while scripts stay nonce-only.
// - frame-ancestors 'none' (+ X-Frame-Options DENY for older browsers): no page, including
//   the device approval page with its Approve button, can be framed for clickjacking.
// - form-action 'self': forms post only here. Stripe Checkout and the portal are reached by
//   navigation (window.location), next-auth by fetch, so neither needs an exception.

export type SecurityHeader = { key: string; value: string };

/** Headers that never change per request. */
export const STATIC_SECURITY_HEADERS: SecurityHeader[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    // Passkeys need WebAuthn in our own documents; nothing here uses sensors, media or payments.
    value: [
      "publickey-credentials-get=(self)",
      "publickey-credentials-create=(self)",
      "camera=()",
      "microphone=()",
      "geolocation=()",
      "payment=()",
      "usb=()",
      "accelerometer=()",
      "gyroscope=()",
      "magnetometer=()",
    ].join(", "),
  },
];

/** HSTS only when the app is served over https (a plain-http localhost must stay reachable). */
export function strictTransportSecurity(appUrl: string | undefined): SecurityHeader | null {
  return appUrl?.startsWith("https://") ? { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" } : null;
}

/** A fresh, unguessable nonce (128 random bits, base64). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, dev, https }: { nonce: string; dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
