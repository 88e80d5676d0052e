// Cold `npm run dev` to first page: the launcher `npm run dev` runs (scripts/serve.ts
// --mode dev) on an empty data dir — initdb, migrations, demo seed, `next dev` — with a
// fresh Next dist dir so no compile cache is reused, timed until GET /sign-in answers 200
// (its first compile included). Then SIGTERM, which stops Next and Postgres.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchPort, serveArgs, stopServe, waitForOk } from "./lib/app-server";
import { spawnLogged, tail } from "./lib/processes";
import { dropDistDirIncludes, keepNextEnv } from "./lib/tsconfig-guard";

export type ColdStartResult = { runs: number[] };

export async function coldStartOnce({
  workDir,
  env,
  index,
}: {
  workDir: string;
  env: Record<string, string>;
  index: number;
}): Promise<number> {
  const port = await benchPort();
  const pgPort = await benchPort();
  // Next wants its dist dir inside the project; a per-run name means nothing is cached.
  const distDir = `.next-bench-dev-${process.pid}-${index}`;
  const dataDir = path.join(workDir, `cold-pg-${index}`); // serve.ts --fresh creates it
  const logFile = path.join(workDir, `cold-start-${index}.log`);
  const baseUrl = `http://localhost:${port}`;
  const restoreNextEnv = keepNextEnv();
  const started = performance.now();
  // The default seed size, as a first `npm run dev` would use.
  const child = spawnLogged(process.execPath, serveArgs({ mode: "dev", port, pgPort, dataDir, seedInvoices: 10_000 }), {
    logFile,
    env: { ...process.env, ...env, NEXT_DIST_DIR: distDir, APP_URL: baseUrl, NEXTAUTH_URL: baseUrl, NODE_ENV: "development" },
  });
  try {
    await waitForOk(`${baseUrl}/sign-in`, { timeoutMs: 240_000, child });
    return performance.now() - started;
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${tail(logFile)}`);
  } finally {
    await stopServe(child);
    dropDistDirIncludes([distDir]);
    restoreNextEnv();
    fs.rmSync(distDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

export async function benchColdStart({ runs, env }: { runs: number; env: Record<string, string> }): Promise<ColdStartResult> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "tiergate-cold-"));
  fs.chmodSync(workDir, 0o755); // Postgres' own user must reach its data dir (see run.ts)
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) times.push(await coldStartOnce({ workDir, env, index: i }));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  return { runs: times };
}
