// Applies the committed migrations in prisma/migrations (forward-only), in order, each in
// its own transaction, under an advisory lock so two instances starting at once do not
// race. It records them in Prisma's own `_prisma_migrations` table with Prisma's checksum
// (sha256 of the file), so `npx prisma migrate deploy` / `migrate status` agree with it.
//
// Why not just `prisma migrate deploy`? Through the driver adapter it works, but the CLI
// lingers for seconds after finishing on every call, which a dev start and every test run
// would pay; applying the files here does not (docs/operations.md, Your own PostgreSQL).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { hashToken } from "@/lib/crypto/hash-token";
import { MIGRATIONS_DIR, committedMigrations } from "@/lib/ops/committed-migrations";

const LOCK_KEY = 727_274_001; // arbitrary, stable advisory-lock id for "tiergate migrations"

export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("select pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`create table if not exists _prisma_migrations (
      id varchar(36) primary key,
      checksum varchar(64) not null,
      finished_at timestamptz,
      migration_name varchar(255) not null,
      logs text,
      rolled_back_at timestamptz,
      started_at timestamptz not null default now(),
      applied_steps_count integer not null default 0)`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      "select migration_name, checksum from _prisma_migrations where finished_at is not null and rolled_back_at is null",
    );
    const doneByName = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
    for (const name of committedMigrations()) {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");
      const checksum = hashToken(sql);
      const previous = doneByName.get(name);
      if (previous) {
        if (previous !== checksum) {
          throw new Error(`Migration ${name} was edited after it was applied. Migrations are forward-only: add a new one.`);
        }
        continue;
      }
      await client.query("begin");
      try {
        await client.query(sql);
        await client.query(
          `insert into _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
           values ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), checksum, name],
        );
        await client.query("commit");
        applied.push(name);
      } catch (err) {
        await client.query("rollback");
        throw new Error(`Migration ${name} failed: ${(err as Error).message}`);
      }
    }
  } finally {
    await client.query("select pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
  return applied;
}
