// Starts a real PgBouncer (Debian's package, /usr/sbin/pgbouncer) in transaction mode in front
// of a Postgres URL, on a loopback port, with a config generated into `workDir`: used by the
// two-instance e2e harness (scripts/scale-stack.ts) and the PgBouncer integration tests, so the
// app is proven on the pooler it is deployed behind, not only on a direct connection.
//
// Transaction mode hands each transaction to whichever server connection is free, so nothing
// that lives in a session survives between two of a client's transactions: named prepared
// statements, SET, LISTEN, session advisory locks, temp tables. PgBouncer 1.18 (Debian's)
// also refuses startup parameters it does not know, such as statement_timeout: the app sends
// none behind it (DATABASE_STATEMENT_TIMEOUT_MS=0 …), and the server-side values are set here
// by `connect_query` on every server connection PgBouncer opens.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { stopChild } from "./stop-child";

export type RunningPgBouncer = {
  /** The upstream URL with host and port replaced by PgBouncer's. */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

export const PGBOUNCER_BIN = process.env.PGBOUNCER_BIN ?? "/usr/sbin/pgbouncer";

export async function startPgBouncer({
  upstreamUrl,
  port,
  workDir,
  poolSize = 8,
  connectQuery,
}: {
  upstreamUrl: string;
  port: number;
  workDir: string;
  /** Server connections per database/user: fewer than the app's clients, so they are shared. */
  poolSize?: number;
  /** Run on every new server connection (e.g. "SET statement_timeout = '15s'"). */
  connectQuery?: string;
}): Promise<RunningPgBouncer> {
  if (!fs.existsSync(PGBOUNCER_BIN)) {
    throw new Error(`PgBouncer not found at ${PGBOUNCER_BIN}: apt-get install -y pgbouncer (or set PGBOUNCER_BIN)`);
  }
  const upstream = new URL(upstreamUrl);
  const user = decodeURIComponent(upstream.username);
  const password = decodeURIComponent(upstream.password);
  fs.mkdirSync(workDir, { recursive: true });
  // As root, PgBouncer runs as `postgres` (-u) and must read its files.
  fs.chmodSync(workDir, 0o755);
  const ini = path.join(workDir, "pgbouncer.ini");
  const userlist = path.join(workDir, "userlist.txt");
  fs.writeFileSync(userlist, `"${user}" "${password}"\n`, { mode: 0o644 });
  fs.writeFileSync(ini, renderPgBouncerIni({ upstream, port, userlist, poolSize, connectQuery }), { mode: 0o644 });

  const asRoot = process.getuid?.() === 0;
  const child = spawn(PGBOUNCER_BIN, [...(asRoot ? ["-u", "postgres"] : []), ini], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  await waitForPort(port, child, () => stderr);

  const url = new URL(upstreamUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return { url: url.toString(), port, stop: () => stopChild(child, 5_000) }; // SIGTERM is PgBouncer's immediate shutdown (SIGINT waits for every client)
}

export function renderPgBouncerIni({
  upstream,
  port,
  userlist,
  poolSize,
  connectQuery,
}: {
  upstream: URL;
  port: number;
  userlist: string;
  poolSize: number;
  connectQuery?: string;
}): string {
  const db = [`host=${upstream.hostname}`, `port=${upstream.port || 5432}`];
  if (connectQuery) db.push(`connect_query='${connectQuery.replace(/'/g, "''")}'`);
  return [
    "[databases]",
    // Any database name the client asks for, on the upstream server.
    `* = ${db.join(" ")}`,
    "",
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    "pool_mode = transaction",
    // md5 towards the client; the plain password in the userlist also logs in to the server.
    "auth_type = md5",
    `auth_file = ${userlist}`,
    `default_pool_size = ${poolSize}`,
    "max_client_conn = 500",
    "server_login_retry = 1",
    "logfile =",
    "pidfile =",
    "",
  ].join("\n");
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited with ${child.exitCode}: ${stderr().trim()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host: "127.0.0.1" }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`pgbouncer did not listen on ${port} within 10 s: ${stderr().trim()}`);
}
