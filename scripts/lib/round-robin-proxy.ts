// A small round-robin HTTP reverse proxy (node:http) in front of several app instances, for
// the two-instance e2e harness (scripts/scale-stack.ts). Each request goes to the next instance
// in turn, so one browser's page, its server actions and its event stream land on different
// instances: whatever only one instance knew would show up as a failure.
// Like a real load balancer it appends the client's address to X-Forwarded-For (the app runs
// with TRUSTED_PROXY_HOPS=1) and keeps Host, so APP_URL is the proxy's origin.
import http from "node:http";

export type RoundRobinProxy = {
  url: string;
  /** Requests forwarded to each upstream so far, in upstream order. */
  served: () => number[];
  close: () => Promise<void>;
};

export async function startRoundRobinProxy({ port, upstreams }: { port: number; upstreams: string[] }): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error("round-robin proxy needs at least one upstream");
  const targets = upstreams.map((u) => new URL(u));
  const counts = targets.map(() => 0);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;

  const server = http.createServer((req, res) => {
    const i = next++ % targets.length;
    counts[i]!++;
    const target = targets[i]!;
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-forwarded-for": forwardedFor, "x-forwarded-proto": "http" },
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, upRes.rawHeaders);
        upRes.pipe(res);
        upRes.on("error", () => res.destroy());
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end("upstream unavailable");
      else res.destroy();
    });
    // A browser that goes away (a closed event stream) ends the upstream request too.
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve()));

  return {
    url: `http://localhost:${port}`,
    served: () => [...counts],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
