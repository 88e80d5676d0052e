// HTTP load with autocannon. Its own histogram stores whole milliseconds, too coarse for a
// 10 % ratio at the latencies the guard figure measures, so every 2xx response time (hrtime, fractional ms) is also
// collected from the instance's 'response' event and the percentiles come from those.
import autocannon from "autocannon";
import { summarize, type Summary } from "./stats";

// bench/autocannon.d.ts types the call as a promise; at runtime it is also the event
// emitter autocannon documents (instance.on('response', …)).
type Instance = ReturnType<typeof autocannon> & {
  on(event: "response", listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};

export type LoadResult = { requests: number; rps: number; failures: number; latency: Summary };

export async function runLoad({
  url,
  connections,
  seconds,
  headers,
  method,
  body,
}: {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  method?: "GET" | "POST";
  /** A request body, made anew for every request (e.g. a fresh idempotency key each time). */
  body?: () => string;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const requests = body ? [{ setupRequest: (req: { body?: string }) => ({ ...req, body: body() }) }] : undefined;
  // autocannon refuses `method: undefined`: pass each option only when given.
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    headers,
    ...(method ? { method } : {}),
    ...(requests ? { requests } : {}),
  }) as Instance;
  instance.on("response", (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  return {
    requests: latencies.length,
    rps: latencies.length / Math.max(result.duration, 0.001),
    failures: result.non2xx + result.errors + result.timeouts,
    latency: summarize(latencies),
  };
}
