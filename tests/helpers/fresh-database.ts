// A database of its own on the test cluster, migrated and empty, for tests that need "an
// empty database" (the demo seed, two launchers booting at once) and must not see, or
// disturb, the rows every other test file writes to the shared one.
import crypto from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { migrateDatabase } from "@/scripts/lib/migrate";

export async function createFreshDatabase(label: string) {
  const base = new URL(process.env.DATABASE_URL!);
  const name = `${label}_${crypto.randomBytes(4).toString("hex")}`.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  const clients: { db: PrismaClient; pool: pg.Pool }[] = [];
  return {
    url: url.toString(),
    /** A Prisma client over its own pool, as a separate process would have. */
    client() {
      const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
      const db = new PrismaClient({ adapter: new PrismaPg(pool) });
      clients.push({ db, pool });
      return db;
    },
    async drop() {
      for (const c of clients) {
        await c.db.$disconnect();
        await c.pool.end();
      }
      const client = new pg.Client({ connectionString: base.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
