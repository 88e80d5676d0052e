// What the production server does to every request before Next sees it (production-server.ts
// wires it to Next; tests wire it to a stub): own the forwarded headers, refuse malformed
// input with a 4xx. No Next imports, so it runs and is tested on its own.
import type http from "node:http";
import { forwardedForHeader } from "@/lib/http/forwarded-for";
import { checkActionRequest, checkUrl, isActionRequest, type Refusal } from "./request-checks";

// Headers a proxy sets about the client; without a trusted proxy only we may set them.
const CLIENT_FACTS = ["forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

/**
 * Next keeps a client-sent X-Forwarded-For (it only fills in the socket address when there is
 * none), so a client could pick the IP our throttles count and our sessions and audit log
 * record. Here the header becomes the socket address (hops = 0) or gets it appended, as a
 * proxy would (hops = N); clientIp() reads the entry N from the right (forwarded-for.ts).
 */
export function ownForwardedHeaders(req: http.IncomingMessage, hops: number) {
  req.headers["x-forwarded-for"] = forwardedForHeader({
    incoming: req.headers["x-forwarded-for"],
    socketAddress: req.socket.remoteAddress,
    hops,
  });
  // clientIp() reads X-Forwarded-For alone; X-Real-IP goes even behind a proxy so nothing
  // downstream starts trusting a second, client-settable source.
  delete req.headers["x-real-ip"];
  if (hops === 0) for (const name of CLIENT_FACTS) delete req.headers[name];
}

function refuse(res: http.ServerResponse, { status, message }: Refusal) {
  // The body may be unread: do not keep the connection for a next request behind it.
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
  res.end(`${message}\n`);
}

export function requestListener({
  hops,
  handle,
}: {
  hops: number;
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
}) {
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      ownForwardedHeaders(req, hops);
      const action = isActionRequest(req);
      const refusal = checkUrl(req.url) ?? (action ? await checkActionRequest(req, action) : null);
      if (refusal) return refuse(res, refusal);
      await handle(req, res);
    } catch (err) {
      console.error(err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error\n");
    }
  };
}
