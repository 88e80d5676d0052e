// The one Prisma client (driver adapter over node-postgres) and the raw pg pool it uses.
// The pool is exported for the few things Prisma cannot do: COPY streaming and LISTEN.
import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

type Globals = { __tiergatePool?: pg.Pool; __tiergatePrisma?: PrismaClient };
const g = globalThis as unknown as Globals;

// Reused across hot reloads in dev so we do not leak connections.
export const pool: pg.Pool = (g.__tiergatePool ??= new pg.Pool({
  connectionString: env().DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
}));

export const db: PrismaClient = (g.__tiergatePrisma ??= new PrismaClient({ adapter: new PrismaPg(pool) }));

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type Db = PrismaClient | Tx;
