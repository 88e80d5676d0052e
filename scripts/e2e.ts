// `npm run test:e2e`: production build into its own folder (.next-e2e, so a running
// `npm run dev` keeps .next), then Playwright. Extra arguments go to Playwright.
import { spawnSync } from "node:child_process";
import path from "node:path";

process.env.NEXT_DIST_DIR ??= ".next-e2e";
process.env.NEXT_TELEMETRY_DISABLED = "1";
const run = (bin: string, args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
if (!process.argv.includes("--no-build")) run(path.join("node_modules", "next", "dist", "bin", "next"), ["build"]);
run(path.join("node_modules", "@playwright", "test", "cli.js"), ["test", ...process.argv.slice(2).filter((a) => a !== "--no-build")]);
