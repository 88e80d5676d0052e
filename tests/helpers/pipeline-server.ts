// The production server's request pipeline (server/request-pipeline.ts) on a real socket, in
// front of a stub instead of Next: what reaches the stub is exactly what would reach Next.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { requestListener } from "@/server/request-pipeline";

export type Seen = { headers: http.IncomingHttpHeaders; body: Buffer; url: string };
type Handler = (req: http.IncomingMessage, body: Buffer) => Promise<unknown>;

/** Starts the pipeline on 127.0.0.1; `handler`'s value is sent back as JSON. */
export async function startPipeline({ hops, handler }: { hops: number; handler?: Handler }) {
  const seen: Seen[] = [];
  const server = http.createServer(
    requestListener({
      hops,
      handle: async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        seen.push({ headers: { ...req.headers }, body, url: req.url ?? "" });
        const value = handler ? await handler(req, body) : { ok: true };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      },
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One request from `from` (a loopback address of the test's own, so tests never share an IP). */
export function send(
  port: number,
  {
    method = "GET",
    path = "/",
    headers = {},
    body,
    from = "127.0.0.1",
  }: { method?: string; path?: string; headers?: http.OutgoingHttpHeaders; body?: Buffer | string; from?: string },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers, localAddress: from, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A loopback address no other test uses. */
export const loopback = () =>
  `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
