// The production server's drain (server/graceful-shutdown.ts, wired as production-server.ts
// wires it) and the app's side of it (lib/boot/start-process-services.ts, the SSE stream,
// the readiness route) in a process of its own, in front of a stub instead of Next, so a
// test can SIGTERM it. Run: node --import tsx --conditions=react-server <this file>.
//   GET /slow?ms=N            answers 200 "done" after N ms
//   GET /events?org=…&sid=…   the license event stream (lib/licensing/license-event-stream.ts)
//   GET /ready                GET /api/health/ready
// Prints "listening on <port>" once it accepts connections.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { shutdownTimeoutMs, stopOnSignals, trackConnections } from "@/server/graceful-shutdown";
import { startProcessServices } from "@/lib/boot/start-process-services";
import { openLicenseEventStream } from "@/lib/licensing/license-event-stream";
import { GET as ready } from "@/app/api/health/ready/route";

async function send(res: http.ServerResponse, response: Response) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return res.end();
  Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://fixture");
  if (url.pathname === "/slow") {
    await new Promise((r) => setTimeout(r, Number(url.searchParams.get("ms"))));
    return void res.writeHead(200, { "content-type": "text/plain" }).end("done");
  }
  if (url.pathname === "/ready") return send(res, await ready(new Request("http://localhost/api/health/ready")));
  if (url.pathname === "/events") {
    const abort = new AbortController();
    res.once("close", () => abort.abort());
    const stream = await openLicenseEventStream({
      orgId: url.searchParams.get("org")!,
      sid: url.searchParams.get("sid")!,
      signal: abort.signal,
    });
    return send(res, new Response(stream, { headers: { "content-type": "text/event-stream" } }));
  }
  res.writeHead(404).end();
});
const connections = trackConnections(server);
startProcessServices();
stopOnSignals({ connections, timeoutMs: shutdownTimeoutMs(process.env.SHUTDOWN_TIMEOUT_MS), closeApp: async () => {} });
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening on ${(server.address() as AddressInfo).port}\n`));
