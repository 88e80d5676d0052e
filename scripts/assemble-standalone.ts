// Turns `next build`'s standalone output (<distDir>/standalone, output: "standalone") into the
// folder the container runs (Dockerfile), and that the CI test boots the same way:
//   server.mjs   the custom production server (server/standalone-entry.ts, bundled)
//   migrate.mjs  the one-shot migration job (scripts/migrate.ts, bundled) + prisma/migrations
//   <distDir>/static and public/, which Next leaves for the deployer to copy.
// Next and the packages it keeps external (pg, argon2, …) come from the traced node_modules.
// Usage: tsx scripts/assemble-standalone.ts (NEXT_DIST_DIR picks the build, default .next).
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const out = path.join(distDir, "standalone");
if (!fs.existsSync(path.join(out, distDir, "required-server-files.json"))) {
  process.stderr.write(`No standalone build in ${out}: run next build with output: "standalone" first\n`);
  process.exit(1);
}

fs.cpSync(path.join(distDir, "static"), path.join(out, distDir, "static"), { recursive: true });
if (fs.existsSync("public")) fs.cpSync("public", path.join(out, "public"), { recursive: true });
fs.cpSync(path.join("prisma", "migrations"), path.join(out, "prisma", "migrations"), { recursive: true });

const recorded = JSON.parse(fs.readFileSync(path.join(out, distDir, "required-server-files.json"), "utf8"));
const external = ["next", "next/*", ...((recorded.config.serverExternalPackages as string[]) ?? [])];
for (const [entry, file] of [
  ["server/standalone-entry.ts", "server.mjs"],
  ["scripts/migrate.ts", "migrate.mjs"],
] as const) {
  await build({
    entryPoints: [entry],
    outfile: path.join(out, file),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // `server-only` is an empty module under react-server, as in the app's own server code.
    conditions: ["react-server"],
    external,
    // ESM output of CommonJS dependencies still calls require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: "warning",
  });
}
process.stdout.write(`assembled ${out}: node server.mjs --port 3000 (node migrate.mjs first)\n`);
