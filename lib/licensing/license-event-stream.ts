// The SSE body for one browser tab: a `license` event (the org's new plan and status) on
// every committed change, a comment heartbeat every 15 s so proxies keep the connection
// open, and cleanup (unsubscribe, timers) when the client goes away. The stream belongs to
// a session: when that session ends (sign-out, revocation) it sends `signed_out` and
// closes, so a signed-out tab stops receiving the org's events at once. It belongs to this
// process too: when the process drains (SIGTERM, lib/ops/lifecycle.ts) it sends a short
// `retry:` and closes, so the browser's EventSource reconnects, through the load balancer,
// to an instance that is staying, instead of keeping this one alive until the deadline.
import "server-only";
import { getLicense } from "@/lib/licensing/get-license";
import { subscribeToLicenseChanges, subscribeToSessionEnd } from "@/lib/licensing/license-events";
import { logger } from "@/lib/log";
import { onDrain } from "@/lib/ops/lifecycle";

export const HEARTBEAT_MS = 15_000;
/** The reconnect delay a draining instance hands out: spread so its tabs do not reconnect in one burst. */
export const DRAIN_RETRY_MS = { min: 500, spread: 1_500 } as const;

export function drainRetryMs(random = Math.random): number {
  return DRAIN_RETRY_MS.min + Math.floor(random() * DRAIN_RETRY_MS.spread);
}

export async function openLicenseEventStream({ orgId, sid, signal }: { orgId: string; sid: string; signal: AbortSignal }) {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = await subscribeToLicenseChanges(orgId, () => {
        void getLicense({ orgId })
          .then((license) =>
            send(
              `event: license\ndata: ${JSON.stringify({ orgId, plan: license.plan, status: license.status, features: license.features })}\n\n`,
            ),
          )
          .catch((err) => logger.error({ event: "license.stream_read_failed", orgId, err }, "could not read license for SSE"));
      });
      const unsubscribeSession = await subscribeToSessionEnd(sid, () => {
        send(`event: signed_out\ndata: {}\n\n`);
        cleanup();
      });
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      let stopWatchingDrain = () => {};
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeSession();
        stopWatchingDrain();
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      if (signal.aborted) return cleanup();
      signal.addEventListener("abort", cleanup, { once: true });
      // Reconnect quickly after a deploy; `ready` tells the client it is subscribed.
      send(`retry: 3000\nevent: ready\ndata: {}\n\n`);
      stopWatchingDrain = onDrain(() => {
        send(`retry: ${drainRetryMs()}\nevent: draining\ndata: {}\n\n`);
        cleanup();
      });
    },
    cancel() {
      cleanup();
    },
  });
  return stream;
}
