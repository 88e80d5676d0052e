// Draining the production server's socket on SIGTERM (production-server.ts). No Next or app
// imports: it runs, and is tested, on a bare http.Server.
//
// Node's server.close() alone is not a drain: it stops accepting, but a keep-alive socket
// that is between requests stays open until its client sends one more (which is then reset),
// and a request that never ends (an SSE stream, a download to a client that stopped reading)
// keeps the process alive forever. So: track every socket and how many requests it is
// serving; on drain, close the idle ones at once and each busy one as soon as its last
// response is done (answered with `connection: close`), and cut whatever is left at the
// deadline.
import type http from "node:http";
import type { Socket } from "node:net";
import { z } from "zod";
import { beginDrain, runShutdownTasks } from "@/lib/ops/lifecycle";

/** SHUTDOWN_TIMEOUT_MS: how long in-flight requests get to finish after SIGTERM. */
export const ShutdownTimeoutSchema = z
  .string()
  .regex(/^\d+$/, "SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds")
  .default("25000")
  .transform(Number)
  .pipe(
    z.number().min(100, "SHUTDOWN_TIMEOUT_MS must be at least 100").max(600_000, "SHUTDOWN_TIMEOUT_MS must be at most 600000 (10 minutes)"),
  );

export function shutdownTimeoutMs(raw: string | undefined): number {
  const parsed = ShutdownTimeoutSchema.safeParse(raw === "" ? undefined : raw);
  if (!parsed.success) throw new Error(`Invalid environment configuration:\n  - ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

export type DrainResult = { /** Requests still running at the deadline, whose sockets were cut. */ cut: number };

/**
 * Starts counting the server's sockets and requests (call before listen). Returns `drain`,
 * which stops accepting and resolves once every connection is closed, or at `timeoutMs`
 * after cutting the rest.
 */
export function trackConnections(server: http.Server) {
  // Every open socket and the responses it is still writing.
  const active = new Map<Socket, Set<http.ServerResponse>>();
  let draining = false;
  let onIdle: (() => void) | null = null;

  const finishing = (res: http.ServerResponse) => {
    // Not yet answered: tell the client this connection ends with it (it reconnects elsewhere).
    if (!res.headersSent) res.setHeader("connection", "close");
  };
  const closeIfIdle = (socket: Socket) => {
    if (draining && (active.get(socket)?.size ?? 0) === 0) socket.end();
  };
  server.on("connection", (socket: Socket) => {
    active.set(socket, new Set());
    socket.once("close", () => {
      active.delete(socket);
      if (active.size === 0) onIdle?.();
    });
    closeIfIdle(socket);
  });
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket;
    const responses = active.get(socket) ?? active.set(socket, new Set()).get(socket)!;
    responses.add(res);
    if (draining) finishing(res);
    res.once("close", () => {
      responses.delete(res);
      closeIfIdle(socket);
    });
  });

  async function drain({ timeoutMs }: { timeoutMs: number }): Promise<DrainResult> {
    draining = true;
    server.close();
    for (const [socket, responses] of active) {
      responses.forEach(finishing);
      closeIfIdle(socket);
    }
    if (active.size === 0) return { cut: 0 };
    const allClosed = new Promise<"closed">((resolve) => (onIdle = () => resolve("closed")));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"deadline">((resolve) => (timer = setTimeout(() => resolve("deadline"), timeoutMs)));
    const outcome = await Promise.race([allClosed, deadline]);
    clearTimeout(timer);
    if (outcome === "closed") return { cut: 0 };
    const cut = [...active.values()].reduce((sum, responses) => sum + responses.size, 0);
    for (const socket of active.keys()) socket.destroy();
    return { cut };
  }

  return { drain, openConnections: () => active.size };
}

/**
 * SIGTERM / SIGINT → the drain: readiness answers 503 and every live-update stream is told
 * to reconnect elsewhere (beginDrain); the socket stops accepting, idle keep-alive
 * connections close, in-flight requests get until the deadline and are then cut; then what
 * the app started for the process's life stops (the sweeper, LISTEN, the pools: lib/boot),
 * and the process exits 0, a clean stop, so a supervisor does not count a deploy as a crash.
 */
export function stopOnSignals({
  connections,
  timeoutMs,
  closeApp,
}: {
  connections: ReturnType<typeof trackConnections>;
  timeoutMs: number;
  closeApp: () => Promise<unknown>;
}) {
  const say = (msg: string) => process.stdout.write(`[tiergate] ${msg}\n`);
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // Whatever hangs below, the process ends: a stop that never finishes blocks the deploy.
    setTimeout(() => process.exit(1), timeoutMs + 10_000).unref();
    say(`${signal}: draining ${connections.openConnections()} open connection(s), up to ${timeoutMs} ms`);
    beginDrain();
    const { cut } = await connections.drain({ timeoutMs });
    if (cut) say(`shutdown deadline reached: cut ${cut} request(s) still running`);
    const failed = await runShutdownTasks({ timeoutMs: 5_000 });
    if (failed.length) say(`shutdown tasks that did not finish: ${failed.join(", ")}`);
    await closeApp().catch((err: unknown) => console.error(err));
    say("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}
