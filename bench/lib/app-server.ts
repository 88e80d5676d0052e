// The system under test: a production build (`next build` into its own dist dir, so a
// running `npm run dev` and its .next are untouched) served by the project's one launcher,
// scripts/serve.ts, on embedded Postgres in a fresh temp data dir, on free loopback ports.
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { freePort } from "@/scripts/lib/free-port";
import { descendants, runLogged, spawnLogged, tail, waitForExit } from "./processes";

export const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");
// Ports other engineers use on this machine; free-port picks from the ephemeral range,
// but a collision would silently measure someone else's server.
const RESERVED = (p: number) => p === 3000 || (p >= 3100 && p <= 3499) || (p >= 54329 && p <= 54699);

export async function benchPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!RESERVED(port)) return port;
  }
}

export async function buildApp({ distDir, logFile }: { distDir: string; logFile: string }) {
  await runLogged(process.execPath, [NEXT_BIN, "build"], {
    logFile,
    timeoutMs: 300_000,
    // A bench build carries the unguarded twins (bench/twins, next.config.ts pageExtensions).
    env: { ...process.env, NEXT_DIST_DIR: distDir, NODE_ENV: "production", TIERGATE_BENCH_TWINS: "1" },
  });
}

export type AppServer = {
  baseUrl: string;
  databaseUrl: string;
  /** The `next start` process (the one whose memory the export figure samples). */
  nextPid: () => number;
  stop: () => Promise<void>;
};

/** Polls `url` until it answers 200 (a 30x or 500 means "not yet"); returns ms waited. */
export async function waitForOk(url: string, { timeoutMs, child }: { timeoutMs: number; child?: ChildProcess }) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child && child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before ${url} answered`);
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

export function serveArgs({
  mode,
  port,
  pgPort,
  dataDir,
  seedInvoices,
}: {
  mode: "start" | "dev";
  port: number;
  pgPort: number;
  dataDir: string;
  seedInvoices: number;
}) {
  // `node --import tsx` rather than the tsx CLI: the pid we signal is serve.ts itself, which
  // stops Next and then Postgres on SIGTERM.
  return [
    "--import",
    "tsx",
    "scripts/serve.ts",
    `--mode=${mode}`,
    `--port=${port}`,
    `--pg-port=${pgPort}`,
    `--data-dir=${dataDir}`,
    "--fresh",
    "--embedded",
    `--seed-invoices=${seedInvoices}`,
  ];
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function stopServe(child: ChildProcess) {
  if (child.exitCode !== null) return;
  // Remember what serve.ts started (Next and its workers, Postgres): `next dev` workers can
  // outlive their parent by a moment, and none of them may be left behind.
  const started = descendants(child.pid!).map((p) => p.pid);
  child.kill("SIGTERM");
  const exited = (await waitForExit(child, 30_000)) !== null;
  const deadline = Date.now() + 10_000;
  while (exited && started.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of [...started.reverse(), ...(exited ? [] : [child.pid!])]) {
    if (!alive(pid)) continue;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone in between
    }
  }
}

export async function startAppServer({
  distDir,
  dataDir,
  logFile,
  env,
  seedInvoices,
}: {
  distDir: string;
  dataDir: string;
  logFile: string;
  env: Record<string, string>;
  seedInvoices: number;
}): Promise<AppServer> {
  const port = await benchPort();
  const pgPort = await benchPort();
  const baseUrl = `http://localhost:${port}`;
  const child = spawnLogged(process.execPath, serveArgs({ mode: "start", port, pgPort, dataDir, seedInvoices }), {
    logFile,
    // A production build on the local billing provider: the explicit demo opt-in (lib/env.ts);
    // the demo accounts, which `--mode start` seeds only when asked (scripts/serve.ts).
    env: {
      ...process.env,
      TIERGATE_LOCAL_BILLING: "1",
      TIERGATE_SEED_DEMO: "1",
      ...env,
      NEXT_DIST_DIR: distDir,
      // The twins answer only when this is set at run time too (bench/twins/twin-context.ts).
      TIERGATE_BENCH_TWINS: "1",
      APP_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
      NODE_ENV: "production",
    },
  });
  try {
    await waitForOk(`${baseUrl}/sign-in`, { timeoutMs: 180_000, child });
  } catch (err) {
    await stopServe(child);
    throw new Error(`${(err as Error).message}\n${tail(logFile)}`);
  }
  return {
    baseUrl,
    databaseUrl: `postgresql://tiergate:tiergate@127.0.0.1:${pgPort}/tiergate`,
    nextPid() {
      // serve.ts → node …/next start (→ possibly a worker). The deepest node process whose
      // command line names next is the one serving requests.
      const next = descendants(child.pid!).filter((p) => /next/.test(p.cmdline) && !/postgres/.test(p.cmdline));
      const pid = next[next.length - 1]?.pid;
      if (!pid) throw new Error("could not find the next start process");
      return pid;
    },
    stop: () => stopServe(child),
  };
}
