// License changes → open browsers. One dedicated LISTEN connection per app instance (not a
// pooled one: LISTEN is per-session, and a pooled client would be handed to other queries),
// fanned out in memory to the SSE streams of that instance, by org. Every instance LISTENs,
// so a NOTIFY from a webhook handled on instance A reaches browsers connected to B.
import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { LICENSE_CHANGED_CHANNEL } from "@/lib/billing/apply-plan-change";

type Listener = (orgId: string) => void;

type Hub = {
  byOrg: Map<string, Set<Listener>>;
  client: pg.Client | null;
  connecting: Promise<void> | null;
  retryMs: number;
  retryTimer: NodeJS.Timeout | null;
};

const g = globalThis as unknown as { __tiergateLicenseHub?: Hub };
const hub: Hub = (g.__tiergateLicenseHub ??= { byOrg: new Map(), client: null, connecting: null, retryMs: 500, retryTimer: null });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function dispatch(orgId: string) {
  for (const listener of hub.byOrg.get(orgId) ?? []) {
    try {
      listener(orgId);
    } catch (err) {
      logger.error({ event: "license.listener_failed", orgId, err }, "license listener threw");
    }
  }
}

async function connect(): Promise<void> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL, keepAlive: true });
  const lost = (err?: unknown) => {
    if (hub.client !== client) return;
    hub.client = null;
    logger.warn({ event: "license.listen_lost", err }, "LISTEN connection lost; reconnecting");
    client.end().catch(() => {});
    scheduleReconnect();
  };
  client.on("error", lost);
  client.on("end", () => lost());
  client.on("notification", (msg) => {
    if (msg.channel === LICENSE_CHANGED_CHANNEL && msg.payload && UUID.test(msg.payload)) dispatch(msg.payload);
  });
  await client.connect();
  await client.query(`LISTEN ${LICENSE_CHANGED_CHANNEL}`);
  hub.client = client;
  hub.retryMs = 500;
  logger.info({ event: "license.listening" }, "listening for license changes");
}

function scheduleReconnect() {
  if (hub.retryTimer || hub.byOrg.size === 0) return;
  const delay = hub.retryMs;
  hub.retryMs = Math.min(hub.retryMs * 2, 30_000);
  hub.retryTimer = setTimeout(() => {
    hub.retryTimer = null;
    void ensureListening().catch(() => scheduleReconnect());
  }, delay);
  hub.retryTimer.unref?.();
}

function ensureListening(): Promise<void> {
  if (hub.client) return Promise.resolve();
  hub.connecting ??= connect().finally(() => {
    hub.connecting = null;
  });
  return hub.connecting;
}

/**
 * Calls `listener(orgId)` on every committed license change of `orgId` until the returned
 * function is called. Resolves once this instance is LISTENing (changes committed after
 * that are delivered); a lost connection reconnects with backoff.
 */
export async function subscribeToLicenseChanges(orgId: string, listener: Listener): Promise<() => void> {
  let set = hub.byOrg.get(orgId);
  if (!set) hub.byOrg.set(orgId, (set = new Set()));
  set.add(listener);
  const unsubscribe = () => {
    const s = hub.byOrg.get(orgId);
    if (!s) return;
    s.delete(listener);
    if (s.size === 0) hub.byOrg.delete(orgId);
  };
  try {
    await ensureListening();
  } catch (err) {
    logger.warn({ event: "license.listen_failed", err }, "could not LISTEN; will retry");
    scheduleReconnect();
  }
  return unsubscribe;
}

/** For tests and shutdown. */
export async function stopLicenseEvents() {
  const client = hub.client;
  hub.client = null;
  hub.byOrg.clear();
  if (hub.retryTimer) clearTimeout(hub.retryTimer);
  hub.retryTimer = null;
  await client?.end().catch(() => {});
}
