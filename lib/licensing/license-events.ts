// License changes and ended sessions → open browsers. One dedicated LISTEN connection per app
// instance (not a pooled one: LISTEN is per-session, and a pooled client would be handed to
// other queries), fanned out in memory to the SSE streams of that instance. Every instance
// LISTENs, so a NOTIFY from a webhook handled on instance A reaches browsers connected to B.
//
// Two channels: `license_changed` (payload: org id, sent by applyPlanChange) and
// `session_ended` (payload: session id, sent by a trigger on "Session" whenever a row is
// revoked or deleted — every way of signing out, in one place).
//
// A notification sent while the connection is down is lost, so after a reconnect the hub
// catches up instead of trusting that nothing happened: every subscribed org is told to
// refresh, and every subscribed session is checked once and ended if it is no longer live.
import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { LICENSE_CHANGED_CHANNEL, selectLiveSessionIdsPg } from "@/lib/licensing/licensing-sql";

export const SESSION_ENDED_CHANNEL = "session_ended";

type Listener = (id: string) => void;
type Topic = "license" | "session";

type Hub = {
  listeners: Record<Topic, Map<string, Set<Listener>>>;
  client: pg.Client | null;
  connecting: Promise<void> | null;
  /** True once a connection was lost: the next successful connect catches up. */
  missedSomething: boolean;
  retryMs: number;
  retryTimer: NodeJS.Timeout | null;
  /** Listen for the process's life (keepListening), not only while a stream is open. */
  persistent?: boolean;
};

const g = globalThis as unknown as { __tiergateLicenseHub?: Hub };
const hub: Hub = (g.__tiergateLicenseHub ??= {
  listeners: { license: new Map(), session: new Map() },
  client: null,
  connecting: null,
  missedSomething: false,
  retryMs: 500,
  retryTimer: null,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANNEL_TOPIC: Record<string, Topic> = { [LICENSE_CHANGED_CHANNEL]: "license", [SESSION_ENDED_CHANNEL]: "session" };

function dispatch(topic: Topic, id: string) {
  for (const listener of hub.listeners[topic].get(id) ?? []) {
    try {
      listener(id);
    } catch (err) {
      logger.error({ event: "license.listener_failed", topic, id, err }, "live-update listener threw");
    }
  }
}

const hasSubscribers = () => hub.listeners.license.size > 0 || hub.listeners.session.size > 0;
// The backoff's ceiling: readiness requires LISTEN, so after a database restart an instance
// is out of its load balancer until this reconnects.
const MAX_RETRY_MS = 5_000;

async function connect(): Promise<void> {
  const client = new pg.Client({ connectionString: env().directDatabaseUrl, keepAlive: true });
  const lost = (err?: unknown) => {
    if (hub.client !== client) return;
    hub.client = null;
    hub.missedSomething = true;
    logger.warn({ event: "license.listen_lost", err }, "LISTEN connection lost; reconnecting");
    client.end().catch(() => {});
    scheduleReconnect();
  };
  client.on("error", lost);
  client.on("end", () => lost());
  client.on("notification", (msg) => {
    const topic = CHANNEL_TOPIC[msg.channel];
    if (topic && msg.payload && UUID.test(msg.payload)) dispatch(topic, msg.payload);
  });
  await client.connect();
  await client.query(`LISTEN ${LICENSE_CHANGED_CHANNEL}; LISTEN ${SESSION_ENDED_CHANNEL}`);
  hub.client = client;
  hub.retryMs = 500;
  logger.info({ event: "license.listening" }, "listening for license changes");
  if (hub.missedSomething) {
    hub.missedSomething = false;
    await catchUp(client);
  }
}

/** After a gap in LISTEN: refresh every subscribed org, end every subscribed session that died. */
async function catchUp(client: pg.Client) {
  const orgs = [...hub.listeners.license.keys()];
  const sessions = [...hub.listeners.session.keys()];
  logger.info({ event: "license.resync", orgs: orgs.length, sessions: sessions.length }, "resyncing open streams after LISTEN reconnect");
  for (const orgId of orgs) dispatch("license", orgId);
  if (sessions.length === 0) return;
  const live = new Set(await selectLiveSessionIdsPg({ client, sessionIds: sessions }));
  for (const sid of sessions) if (!live.has(sid)) dispatch("session", sid);
}

function scheduleReconnect() {
  if (hub.retryTimer || !(hub.persistent || hasSubscribers())) return;
  const delay = hub.retryMs;
  hub.retryMs = Math.min(hub.retryMs * 2, MAX_RETRY_MS);
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

function subscribe(topic: Topic, id: string, listener: Listener): () => void {
  const byId = hub.listeners[topic];
  let set = byId.get(id);
  if (!set) byId.set(id, (set = new Set()));
  set.add(listener);
  return () => {
    const s = byId.get(id);
    if (!s) return;
    s.delete(listener);
    if (s.size === 0) byId.delete(id);
  };
}

async function listening(unsubscribe: () => void): Promise<() => void> {
  try {
    await ensureListening();
  } catch (err) {
    logger.warn({ event: "license.listen_failed", err }, "could not LISTEN; will retry");
    hub.missedSomething = true;
    scheduleReconnect();
  }
  return unsubscribe;
}

/**
 * Calls `listener(orgId)` on every committed license change of `orgId` until the returned
 * function is called. Resolves once this instance is LISTENing (changes committed after
 * that are delivered); a lost connection reconnects with backoff and then calls every
 * listener once, since a change may have been missed.
 */
export function subscribeToLicenseChanges(orgId: string, listener: Listener): Promise<() => void> {
  return listening(subscribe("license", orgId, listener));
}

/** Calls `listener(sid)` once the session is revoked or deleted (sign-out, revocation, expiry). */
export function subscribeToSessionEnd(sid: string, listener: Listener): Promise<() => void> {
  return listening(subscribe("session", sid, listener));
}

/**
 * LISTEN from now until stopLicenseEvents(), reconnecting whenever the connection drops,
 * with or without open streams: the boot module (lib/boot) starts it so readiness can
 * require it and the first stream after a quiet spell does not wait for a connect.
 */
export function keepListening(): void {
  hub.persistent = true;
  void ensureListening().catch((err) => {
    logger.warn({ event: "license.listen_failed", err }, "could not LISTEN; will retry");
    scheduleReconnect();
  });
}

/** Whether this instance's LISTEN connection is up (the readiness check reads it). */
export function isListening(): boolean {
  return hub.client !== null;
}

/** For tests and shutdown. */
export async function stopLicenseEvents() {
  const client = hub.client;
  hub.client = null;
  hub.listeners.license.clear();
  hub.listeners.session.clear();
  hub.missedSomething = false;
  hub.persistent = false;
  if (hub.retryTimer) clearTimeout(hub.retryTimer);
  hub.retryTimer = null;
  await client?.end().catch(() => {});
}
