// `npm run dev` / `npm start` / the e2e and bench servers: one launcher.
//   - no DATABASE_URL → start embedded PostgreSQL (data in --data-dir, default .data/pg,
//     fixed port 54329), else use that server and start nothing;
//   - apply committed migrations; seed the demo accounts once (skipped when they exist);
//   - run `next dev`, or in --mode start the production server (server/production-server.ts:
//     Next's custom server, which owns X-Forwarded-For and refuses malformed requests);
//     Ctrl-C stops it, then Postgres, cleanly.
//   `next dev` keeps a client-sent X-Forwarded-For, so in dev the IP that throttles count and
//   sessions record is whatever the client says: fine on a developer's machine, never exposed.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { ensureLocalEnv } from "./lib/local-env";
import { startEmbeddedPostgres, type RunningPostgres } from "./lib/embedded-postgres";
import { migrateDatabase } from "./lib/migrate";

const { values: args } = parseArgs({
  options: {
    mode: { type: "string", default: "dev" }, // dev | start
    port: { type: "string", default: process.env.PORT ?? "3000" },
    "data-dir": { type: "string", default: ".data/pg" },
    "pg-port": { type: "string", default: "54329" },
    fresh: { type: "boolean", default: false }, // wipe the data dir first (e2e)
    embedded: { type: "boolean", default: false }, // ignore DATABASE_URL from .env files (e2e, bench)
    "seed-invoices": { type: "string", default: "10000" },
  },
});

const log = (msg: string) => process.stdout.write(`[tiergate] ${msg}\n`);

async function main() {
  process.env.CHECKPOINT_DISABLE = "1";
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  if (args.embedded) delete process.env.DATABASE_URL;
  ensureLocalEnv();
  if (args.embedded) delete process.env.DATABASE_URL;
  if (!process.env.DATABASE_URL) delete process.env.DIRECT_DATABASE_URL; // the embedded server is direct
  const port = Number(args.port);
  process.env.APP_URL ??= `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= process.env.APP_URL;

  let pg: RunningPostgres | undefined;
  if (!process.env.DATABASE_URL) {
    const dataDir = path.resolve(args["data-dir"]!);
    if (args.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
    const started = Date.now();
    pg = await startEmbeddedPostgres({ dataDir, port: Number(args["pg-port"]) });
    await pg.createDatabase("tiergate");
    process.env.DATABASE_URL = pg.url("tiergate");
    log(`embedded PostgreSQL on 127.0.0.1:${args["pg-port"]} (data in ${path.relative(process.cwd(), dataDir)}) in ${Date.now() - started} ms`);
  } else {
    log("using DATABASE_URL");
  }

  // Migrations hold a session advisory lock: never through a transaction-mode pooler.
  const applied = await migrateDatabase(process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database is up to date");

  // Seeding imports app code (server-only modules), so it runs in a child with the
  // react-server condition, exactly like `npm run db:seed`.
  await runChild(process.execPath, [
    path.join("node_modules", "tsx", "dist", "cli.mjs"),
    "--conditions=react-server",
    "scripts/seed.ts",
    `--invoices=${args["seed-invoices"]}`,
  ]);

  const next = spawn(process.execPath, serverArgs(args.mode === "start" ? "start" : "dev", port), { stdio: "inherit", env: process.env });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (next.exitCode === null) next.kill("SIGTERM");
    await new Promise((r) => (next.exitCode === null ? next.once("exit", r) : r(null)));
    if (pg) {
      await pg.stop().catch(() => {});
      log("PostgreSQL stopped");
    }
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  next.on("exit", (code) => void stop(code ?? 0));
}

function serverArgs(mode: "start" | "dev", port: number) {
  if (mode === "start") return ["--import", "tsx", path.join("server", "production-server.ts"), `--port=${port}`];
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
