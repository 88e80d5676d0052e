// Operations figures on a server of their own (the build under test, scripts/serve.ts
// --mode start), on a Postgres the bench owns so it can restart it: the main bench server's
// launcher runs an embedded Postgres and, rightly, exits when that dies.
//   recovery: Postgres stopped for `outageMs`, started again; from the moment it accepts
//     connections, how long until GET /api/health/ready reports the database reachable
//     (requests succeed: the pool reconnects on demand) and until it answers 200 (LISTEN
//     reconnected too: the instance is back in its load balancer);
//   drain: `connections` keep-alive clients loop on GET /sign-in; SIGTERM to the launcher;
//     every request is counted as answered 200, refused (ECONNREFUSED: a new connection
//     after the listener closed, which a load balancer sends elsewhere) or lost (accepted,
//     then reset or answered with an error). Goal: 0 lost. Counted apart: a request written
//     to an idle keep-alive connection in the instant the server closes it, which HTTP/1.1
//     cannot prevent and clients retry.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "@/scripts/lib/embedded-postgres";
import { benchPort } from "./lib/app-server";
import { spawnLogged, tail, waitForExit } from "./lib/processes";
import { round } from "./lib/stats";

export type LifecycleResult = {
  recovery: { outageMs: number; databaseMs: number; readyMs: number };
  drain: {
    connections: number;
    answered: number;
    inFlightAtSignal: number;
    lost: number;
    refused: number;
    keepAliveRaces: number;
    exitCode: number | null;
    stopMs: number;
  };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readiness(baseUrl: string): Promise<{ status: number; database?: string }> {
  try {
    const res = await fetch(`${baseUrl}/api/health/ready`, { signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { checks?: { database?: string } };
    return { status: res.status, database: body.checks?.database };
  } catch {
    return { status: 0 };
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`${what} not within ${timeoutMs} ms`);
    await sleep(10);
  }
  return performance.now() - started;
}

/** One GET on the shared agent: 200, refused, a keep-alive close race, or lost. */
function hit(baseUrl: string, agent: http.Agent): Promise<"ok" | "refused" | "race" | "lost"> {
  return new Promise((resolve) => {
    const req = http.get(`${baseUrl}/sign-in`, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 200 ? "ok" : "lost"));
      res.on("error", () => resolve("lost"));
    });
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ECONNREFUSED") return resolve("refused");
      // Sent on an idle keep-alive connection just as the server closed it: the request
      // never reached the app, and browsers and proxies resend it (Node's agent does not).
      resolve(req.reusedSocket && err.code === "ECONNRESET" ? "race" : "lost");
    });
  });
}

async function measureDrain({
  baseUrl,
  launcher,
  connections,
}: {
  baseUrl: string;
  launcher: import("node:child_process").ChildProcess;
  connections: number;
}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const counts = { ok: 0, refused: 0, race: 0, lost: 0 };
  let signalledAt = Infinity;
  let inFlightAtSignal = 0;
  const inFlight = new Set<number>();
  let next = 0;
  const loop = async () => {
    for (;;) {
      const id = next++;
      const startedAt = performance.now();
      inFlight.add(id);
      const outcome = await hit(baseUrl, agent);
      inFlight.delete(id);
      counts[outcome]++;
      // After the signal, a refused connection means this client has been turned away: done.
      if (outcome === "refused" && startedAt >= signalledAt) return;
    }
  };
  // Warm: the first renders of a fresh server are not what a deploy interrupts.
  for (let i = 0; i < 20; i++) await hit(baseUrl, agent);
  const loops = Array.from({ length: connections }, loop);
  await sleep(3_000);
  inFlightAtSignal = inFlight.size;
  signalledAt = performance.now();
  launcher.kill("SIGTERM");
  const exitCode = await waitForExit(launcher, 60_000);
  const stopMs = performance.now() - signalledAt;
  await Promise.race([Promise.all(loops), sleep(5_000)]);
  agent.destroy();
  return {
    connections,
    answered: counts.ok,
    inFlightAtSignal,
    lost: counts.lost,
    refused: counts.refused,
    keepAliveRaces: counts.race,
    exitCode,
    stopMs: round(stopMs, 0),
  };
}

export async function benchLifecycle({
  distDir,
  env,
  outageMs,
  connections,
}: {
  distDir: string;
  env: Record<string, string>;
  outageMs: number;
  connections: number;
}): Promise<LifecycleResult> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "tiergate-bench-life-"));
  fs.chmodSync(workDir, 0o755); // as root, Postgres runs as its own user
  const pgPort = await benchPort();
  const dataDir = path.join(workDir, "pg");
  let pg: RunningPostgres | undefined = await startEmbeddedPostgres({ dataDir, port: pgPort });
  await pg.createDatabase("tiergate");
  const port = await benchPort();
  const baseUrl = `http://localhost:${port}`;
  const logFile = path.join(workDir, "server.log");
  const launcher = spawnLogged(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--mode=start", `--port=${port}`], {
    logFile,
    env: {
      ...process.env,
      TIERGATE_LOCAL_BILLING: "1",
      // Production refuses to boot without mail; the figure sends none (port 9 is discard).
      SMTP_URL: "smtp://127.0.0.1:9",
      TIERGATE_SEED_DEMO: "0",
      ...env,
      DATABASE_URL: pg.url("tiergate"),
      NEXT_DIST_DIR: distDir,
      APP_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
      NODE_ENV: "production",
    },
  });
  try {
    await until(async () => (await readiness(baseUrl)).status === 200, 180_000, "ready").catch((err) => {
      throw new Error(`${(err as Error).message}\n${tail(logFile)}`);
    });

    await pg.stop();
    pg = undefined;
    await sleep(outageMs);
    pg = await startEmbeddedPostgres({ dataDir, port: pgPort });
    const back = performance.now();
    await until(async () => (await readiness(baseUrl)).database === "ok", 60_000, "database reachable again");
    const databaseMs = performance.now() - back;
    await until(async () => (await readiness(baseUrl)).status === 200, 60_000, "ready again");
    const readyMs = performance.now() - back;

    const drain = await measureDrain({ baseUrl, launcher, connections });
    return { recovery: { outageMs, databaseMs: round(databaseMs, 0), readyMs: round(readyMs, 0) }, drain };
  } finally {
    if (launcher.exitCode === null) launcher.kill("SIGKILL");
    await pg?.stop().catch(() => {});
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
