// A minimal EventSource over node:http for the bench: one open connection with a session
// cookie, each parsed event handed to the current waiters with its arrival time.
import http from "node:http";

export type SseEvent = { event: string; data: string; at: number };

export async function openSse(url: string, cookie: string) {
  const waiters = new Set<(e: SseEvent) => boolean>();
  let request: http.ClientRequest | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    request = http.get(url, { headers: { cookie, accept: "text/event-stream" }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`SSE answered HTTP ${res.statusCode}`));
        return;
      }
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith("event:")) event = line.slice(6).trim();
            else if (line.startsWith("data:")) data.push(line.slice(5).trim());
          }
          if (block.startsWith(":")) continue; // heartbeat comment
          if (event === "ready") resolve();
          const parsed = { event, data: data.join("\n"), at };
          for (const waiter of [...waiters]) if (waiter(parsed)) waiters.delete(waiter);
        }
      });
      res.on("error", reject);
    });
    request.on("error", reject);
  });
  await ready;
  return {
    /** Resolves with the first event matching `match` (arriving after this call), or rejects after `timeoutMs`. */
    next(match: (e: SseEvent) => boolean, timeoutMs: number): Promise<SseEvent> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching SSE event within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (e: SseEvent) => {
          if (!match(e)) return false;
          clearTimeout(timer);
          resolve(e);
          return true;
        };
        waiters.add(waiter);
      });
    },
    close() {
      request?.destroy();
    },
  };
}
