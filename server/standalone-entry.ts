// The container's server (Dockerfile: `node server.mjs` in the standalone folder, bundled by
// scripts/assemble-standalone.ts). The standalone folder has no next.config.ts (nor the
// TypeScript to load one), so, as Next's own standalone server.js does, hand Next the config
// the build recorded — security headers, poweredByHeader, distDir, deploymentId — before
// production-server.ts starts it. Without this Next would silently serve with defaults.
import fs from "node:fs";
import path from "node:path";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const recorded = path.join(process.cwd(), distDir, "required-server-files.json");
if (!fs.existsSync(recorded)) {
  process.stderr.write(`[tiergate] ${recorded} is missing: run this from the assembled standalone folder\n`);
  process.exit(1);
}
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(fs.readFileSync(recorded, "utf8")).config);
await import("./production-server");
