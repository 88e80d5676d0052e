// The one Prisma client (driver adapter over node-postgres) and the raw pg pool it uses.
// The pool is exported for the few things Prisma cannot do (COPY streaming, LISTEN) and for
// the webhook's hot path, where Prisma's per-query CPU dominates (billing/settle-unchanged.ts).
//
// Both are created on first use, not at import: `next build` imports route modules to
// collect page data, and must not need DATABASE_URL (or connect anywhere) to do so.
import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

type Globals = { __tiergatePool?: pg.Pool; __tiergatePrisma?: PrismaClient };
const g = globalThis as unknown as Globals;

// Kept on globalThis so dev hot reloads reuse them instead of leaking connections.
export function getPool(): pg.Pool {
  return (g.__tiergatePool ??= new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
  }));
}

export function getDb(): PrismaClient {
  return (g.__tiergatePrisma ??= new PrismaClient({ adapter: new PrismaPg(getPool()) }));
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
