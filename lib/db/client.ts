// The one Prisma client (driver adapter over node-postgres) and the raw pg pool it uses.
// The pool is exported for the few things Prisma cannot do (LISTEN) and for
// the webhook's hot path, where Prisma's per-query CPU dominates (billing/settle-unchanged.ts).
//
// Both are created on first use, not at import: `next build` imports route modules to
// collect page data, and must not need DATABASE_URL (or connect anywhere) to do so.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { tagUnavailable } from "@/lib/db/unavailable";

type Globals = { __tiergatePool?: pg.Pool; __tiergateExportPool?: pg.Pool; __tiergatePrisma?: PrismaClient };
const g = globalThis as unknown as Globals;

// Every wait is bounded (lib/db/db-env.ts): `connectionTimeoutMillis` caps both the wait for
// a free pooled connection and the connect itself, so an exhausted pool or a frozen or
// unreachable server fails the request quickly (lib/db/unavailable.ts answers it 503).
//
// `statement_timeout` and `idle_in_transaction_session_timeout` go to Postgres as startup
// parameters of each connection, never as a `SET` through the pool: SET is session state,
// and behind PgBouncer in transaction mode a session is whatever server connection the next
// transaction lands on, so a SET would leak to other clients and be missing from ours.
// PgBouncer does not forward these startup parameters to the server (it refuses unknown ones
// unless listed in ignore_startup_parameters, and then drops them), so a PgBouncer deployment
// sets the variables to 0 (nothing sent) or lists them there, and sets both on the server:
// `ALTER ROLE <app role> SET statement_timeout = '15s'` and
// `ALTER ROLE <app role> SET idle_in_transaction_session_timeout = '30s'` (or PgBouncer's
// `connect_query`). Exports connect to the direct URL instead (see getExportPool), so their
// own, longer statement timeout still travels as a startup parameter there.
// withTransactionConnection: which node-postgres connection a Prisma interactive transaction
// runs on, so the guard can send its statements on it without Prisma's per-statement client
// cost (lib/guard/run-guarded.ts). A slot lives in the async context that opens the
// transaction; the app pool's connect fills it with the first connection checked out there
// and empties it when that connection is released. While the transaction's callback runs,
// the connection in the slot is therefore one this context holds checked out — the
// transaction's own, since Prisma holds it from BEGIN to COMMIT and opens it first (a
// connection Prisma took and gave back before, e.g. at its first use, left the slot empty
// again). Nothing else is ever put there, and an empty slot means "use Prisma".
type ConnectionSlot = { client: pg.PoolClient | null };
const transactionSlots = new AsyncLocalStorage<ConnectionSlot>();

const slotOf = new WeakMap<pg.PoolClient, ConnectionSlot>();

function fillSlot(slot: ConnectionSlot | undefined, client: pg.PoolClient) {
  if (!slot || slot.client) return;
  slot.client = client;
  slotOf.set(client, slot);
}

// The pool's own release event, whichever release function was called.
function emptySlot(client: pg.PoolClient) {
  const slot = slotOf.get(client);
  if (!slot) return;
  slotOf.delete(client);
  if (slot.client === client) slot.client = null;
}

// The schema's TIMESTAMP columns hold UTC (Prisma reads and writes them so). node-postgres
// would read one as local time and write a Date in local time; on the app pool it reads UTC
// (createPool's types), and forPg sends Dates as UTC, whatever the process's time zone.
const TIMESTAMP_OID = 1114;
const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const appTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary" ? utcTimestamp : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A tagged statement for node-postgres on the app pool: its text and values, with Dates as UTC. */
export function forPg(sql: Prisma.Sql): { text: string; values: unknown[] } {
  return { text: sql.text, values: sql.values.map((v) => (v instanceof Date ? v.toISOString() : v)) };
}

/** Runs `open`, which opens ONE Prisma transaction; inside it, transactionConnection() is that transaction's connection. */
export function withTransactionConnection<T>(open: () => Promise<T>): Promise<T> {
  return transactionSlots.run({ client: null }, open);
}

/** db.$transaction(fn, options), inside which transactionConnection() is that transaction's own connection. */
export function transactionWithConnection<T>(fn: (tx: Tx) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T> {
  return withTransactionConnection(() => getDb().$transaction(fn, options));
}

/** The node-postgres connection of the transaction withTransactionConnection opened, or null (then use Prisma). */
export function transactionConnection(): pg.PoolClient | null {
  return transactionSlots.getStore()?.client ?? null;
}

function createPool({
  url,
  max,
  statementTimeoutMs,
  slots = false,
}: {
  url: string;
  max: number;
  statementTimeoutMs: number;
  /** The app pool (Prisma's): its connections can fill a transaction slot. */
  slots?: boolean;
}): pg.Pool {
  const e = env();
  const created = new pg.Pool({
    connectionString: url,
    max,
    ...(slots ? { types: appTypes } : {}),
    connectionTimeoutMillis: e.DATABASE_POOL_ACQUIRE_TIMEOUT_MS,
    // 0: not sent (set on the server instead, see above).
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
    ...(e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS > 0
      ? { idle_in_transaction_session_timeout: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS }
      : {}),
  });
  // Connect failures (pool exhausted, server refused or frozen) pass through Prisma as the
  // same Error object: tagged here, a page that hits one shows "unavailable" (app/error.tsx).
  const connect = created.connect.bind(created) as (
    cb: (err: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void,
  ) => void;
  created.connect = ((cb?: (err: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void) => {
    // Taken now: a connection that frees up later hands it over in the releaser's context.
    const slot = slots ? transactionSlots.getStore() : undefined;
    if (cb)
      return connect((err, client, done) => {
        if (client) fillSlot(slot, client);
        cb(err && tagUnavailable(err), client, done);
      });
    return new Promise<pg.PoolClient>((resolve, reject) =>
      connect((err, client) => {
        if (err) return reject(tagUnavailable(err));
        fillSlot(slot, client!);
        resolve(client!);
      }),
    );
  }) as typeof created.connect;
  // An idle connection that dies (Postgres restarted, a backend terminated) is an 'error'
  // event on the pool: without a listener it would crash the process. The pool drops that
  // connection and opens a new one on demand, which is how the app recovers with no restart.
  if (slots) created.on("release", (_err: Error | undefined, client: pg.PoolClient) => emptySlot(client));
  created.on("error", (err) => logger.warn({ event: "db.idle_connection_lost", err: err.message }, "an idle database connection was lost"));
  return created;
}

// Kept on globalThis so dev hot reloads reuse them instead of leaking connections.
export function getPool(): pg.Pool {
  const e = env();
  return (g.__tiergatePool ??= createPool({
    url: e.DATABASE_URL,
    max: e.DATABASE_POOL_SIZE,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    slots: true,
  }));
}

/**
 * The exports' own small pool: a download holds its connection for the whole stream, so
 * however many are open (or stalled) they never take a connection from the app's pool.
 * It connects to the direct URL (DIRECT_DATABASE_URL, else DATABASE_URL): a COPY holds a
 * server connection for its whole stream through a pooler anyway, and behind PgBouncer the
 * app role's server-side statement timeout would cut every long export short, while here
 * EXPORT_STATEMENT_TIMEOUT_MS reaches Postgres as a startup parameter. Each instance thus
 * holds up to EXPORT_POOL_SIZE direct connections: count them in max_connections.
 */
export function getExportPool(): pg.Pool {
  const e = env();
  return (g.__tiergateExportPool ??= createPool({
    url: e.directDatabaseUrl,
    max: e.EXPORT_POOL_SIZE,
    statementTimeoutMs: e.EXPORT_STATEMENT_TIMEOUT_MS,
  }));
}

export function getDb(): PrismaClient {
  return (g.__tiergatePrisma ??= new PrismaClient({ adapter: new PrismaPg(getPool()) }));
}

/**
 * Closes the Prisma client and every pool (graceful shutdown, lib/boot): waits for checked-
 * out connections to be released, so the caller bounds it. A later getDb()/getPool() opens
 * fresh ones.
 */
export async function closeDatabase(): Promise<void> {
  const { __tiergatePrisma: prisma, __tiergatePool: main, __tiergateExportPool: exports } = g;
  g.__tiergatePrisma = g.__tiergatePool = g.__tiergateExportPool = undefined;
  await prisma?.$disconnect();
  await Promise.all([main?.end(), exports?.end()]);
}

/** Forwards every property to a lazily created instance (methods bound to it). */
function lazy<T extends object>(create: () => T): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      const instance = create();
      const value = Reflect.get(instance, prop, instance);
      return typeof value === "function" ? value.bind(instance) : value;
    },
  });
}

export const db: PrismaClient = lazy(getDb);
export const pool: pg.Pool = lazy(getPool);

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type Db = PrismaClient | Tx;
