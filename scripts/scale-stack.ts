// The scaled-out deployment in one process tree, for `npm run test:e2e:scale` (the Playwright
// webServer of playwright.scale.config.ts) and for trying it by hand:
//   embedded Postgres (one, fresh) ← PgBouncer in transaction mode ← two production servers
//   (scripts/serve.ts --mode start, each with DATABASE_URL = PgBouncer and DIRECT_DATABASE_URL
//   = Postgres, booting at the same time) ← a round-robin proxy on --port (APP_URL).
// The database is migrated and seeded once through the direct URL before the instances start;
// both then migrate and seed again at once, as two replicas of a release do (a no-op each).
// SIGTERM/SIGINT stop the proxy, the instances, PgBouncer and Postgres, in that order.
// Usage: tsx scripts/scale-stack.ts --port 3120 --pg-port 54340 [--seed-invoices 2000]
// (after `next build` into NEXT_DIST_DIR).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres } from "./lib/embedded-postgres";
import { startPgBouncer } from "./lib/pgbouncer";
import { startRoundRobinProxy } from "./lib/round-robin-proxy";
import { migrateDatabase } from "./lib/migrate";
import { freePort } from "./lib/free-port";
import { stopChild } from "./lib/stop-child";
import { startMailCatcher } from "./lib/maildev";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "3120" },
    "pg-port": { type: "string", default: "54340" },
    instances: { type: "string", default: "2" },
    "seed-invoices": { type: "string", default: "2000" },
    // One mail catcher for the whole deployment, like one SMTP relay (scripts/lib/maildev.ts).
    "smtp-port": { type: "string", default: "23120" },
    "mail-web-port": { type: "string", default: "24120" },
  },
});
const log = (msg: string) => process.stdout.write(`[scale] ${msg}\n`);
const TSX_CLI = path.join("node_modules", "tsx", "dist", "cli.mjs");

async function main() {
  const port = Number(args.port);
  const appUrl = `http://localhost:${port}`;
  const workDir = path.resolve(".e2e-data", `scale-${port}`);
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  fs.chmodSync(workDir, 0o755);

  // embedded-postgres hooks SIGTERM/SIGINT when imported (async-exit-hook) to stop Postgres
  // and exit at once, which would orphan the instances: this process stops Postgres last.
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.removeAllListeners(signal);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: Number(args["pg-port"]) });
  const stops: (() => Promise<unknown>)[] = [() => pg.stop()];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
  };
  process.on("SIGTERM", () => void stopAll().then(() => process.exit(0)));
  process.on("SIGINT", () => void stopAll().then(() => process.exit(0)));

  try {
    await pg.createDatabase("tiergate");
    const direct = pg.url("tiergate");
    const bouncer = await startPgBouncer({
      upstreamUrl: direct,
      port: await freePort(),
      workDir: path.join(workDir, "pgbouncer"),
      poolSize: 10,
      // The app sends no timeouts as startup parameters behind PgBouncer (see env below), so
      // every server connection gets them here, as a deployment would with ALTER ROLE.
      connectQuery: "SET statement_timeout = '15s'; SET idle_in_transaction_session_timeout = '30s'",
    });
    stops.push(() => bouncer.stop());
    log(`Postgres on ${args["pg-port"]}, PgBouncer (transaction mode) on ${bouncer.port}`);
    const mail = await startMailCatcher({ smtpPort: Number(args["smtp-port"]), webPort: Number(args["mail-web-port"]) });
    stops.push(() => mail.stop());
    log(`mail catcher: SMTP ${mail.smtpUrl}, inbox ${mail.inboxUrl}`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: bouncer.url,
      DIRECT_DATABASE_URL: direct,
      DATABASE_STATEMENT_TIMEOUT_MS: "0",
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "0",
      EXPORT_STATEMENT_TIMEOUT_MS: "0",
      APP_URL: appUrl,
      NEXTAUTH_URL: appUrl,
      SMTP_URL: mail.smtpUrl,
      TRUSTED_PROXY_HOPS: "1",
      // One release: every instance shares its secrets (and the build, so the action key).
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || crypto.randomBytes(32).toString("base64url"),
      STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET || `whsec_${crypto.randomBytes(24).toString("base64url")}`,
    };
    await migrateDatabase(direct);
    await run(process.execPath, [TSX_CLI, "--conditions=react-server", "scripts/seed.ts", `--invoices=${args["seed-invoices"]}`], env);

    const ports = await Promise.all(Array.from({ length: Number(args.instances) }, () => freePort()));
    const instances = ports.map((p) => startInstance(p, env));
    stops.push(() => Promise.all(instances.map((child) => stopChild(child, 30_000))));
    for (const child of instances) {
      child.on("exit", (code, signal) => {
        if (stops.length === 0) return;
        log(`an instance exited (${code ?? signal}); stopping the stack`);
        void stopAll().then(() => process.exit(1));
      });
    }
    await Promise.all(ports.map((p) => waitForOk(`http://127.0.0.1:${p}/sign-in`)));

    const proxy = await startRoundRobinProxy({ port, upstreams: ports.map((p) => `http://127.0.0.1:${p}`) });
    stops.push(() => proxy.close().then(() => log(`requests per instance: ${proxy.served().join(" / ")}`)));
    log(`${instances.length} instances (${ports.join(", ")}) behind ${appUrl}`);
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function startInstance(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  // `node --import tsx` so the pid we signal is serve.ts itself, which stops its server.
  return spawn(
    process.execPath,
    ["--import", "tsx", "scripts/serve.ts", "--mode=start", `--port=${port}`, `--seed-invoices=${args["seed-invoices"]}`],
    {
      stdio: ["ignore", process.env.E2E_SERVER_LOGS ? "inherit" : "ignore", "inherit"],
      env,
    },
  );
}

async function waitForOk(url: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const ok = await fetch(url, { redirect: "manual" }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer 200 within 120 s`);
}

function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ["ignore", "ignore", "inherit"], env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${argv.join(" ")} exited with ${code}`))));
  });
}

main().catch((err) => {
  process.stderr.write(`[scale] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
