// The production HTTP server (`npm start`, the e2e and bench servers: scripts/serve.ts
// --mode start runs this file). It is Next's documented custom server, there for what only
// the socket's owner can do before Next sees a request (request-pipeline.ts):
//   - own X-Forwarded-For (TRUSTED_PROXY_HOPS: how many proxies in front may append to it),
//     so the IP our throttles count and our sessions and audit log record is not the client's
//     to choose;
//   - answer input Next would choke on with a 400 instead of a 500 (request-checks.ts);
//   - drain on SIGTERM (graceful-shutdown.ts), which only the socket's owner can do.
// Usage: node --import tsx server/production-server.ts --port 3000 (after `next build`;
// NEXT_DIST_DIR picks the build folder, read by next.config.ts).
import http from "node:http";
import { parseArgs } from "node:util";
import { trustedProxyHops } from "@/lib/http/forwarded-for";
import { ownForwardedHeaders, requestListener } from "./request-pipeline";
import { shutdownTimeoutMs, stopOnSignals, trackConnections } from "./graceful-shutdown";

const { values: args } = parseArgs({ options: { port: { type: "string", default: process.env.PORT ?? "3000" } } });
const port = Number(args.port);

async function main() {
  // As `next start` does: the production build, whatever NODE_ENV the shell had.
  Object.assign(process.env, { NODE_ENV: "production" });
  // `next start` names its process so; operators (and the bench) find the server by it.
  process.title = "next-server (tiergate)";
  const hops = trustedProxyHops(process.env.TRUSTED_PROXY_HOPS);
  const timeoutMs = shutdownTimeoutMs(process.env.SHUTDOWN_TIMEOUT_MS);
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();

  const server = http.createServer(requestListener({ hops, handle: (req, res) => handle(req, res) }));
  const connections = trackConnections(server);
  server.on("upgrade", (req, socket, head) => {
    ownForwardedHeaders(req, hops);
    upgrade(req, socket, head).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, () => resolve()));
  process.stdout.write(`✓ Ready on http://localhost:${port} (trusted proxy hops: ${hops})\n`);

  stopOnSignals({ connections, timeoutMs, closeApp: () => app.close() });
}

main().catch((err) => {
  process.stderr.write(`[tiergate] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
